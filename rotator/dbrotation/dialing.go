package dbrotation

import (
	"crypto/tls"
	"crypto/x509"
	"time"
)

// Dialing is how a Database connects.
type Dialing struct {
	// RootCAs verify the server's certificate when the secret asks for TLS. If nil, the
	// system's roots do.
	RootCAs *x509.CertPool
	// ConnectTimeout bounds each connection attempt. If zero, it is 5 seconds.
	ConnectTimeout time.Duration
}

// TLS is the TLS configuration for c's server: nil when c does not ask for TLS, else one
// that verifies the server's certificate for c.Host.
func (d Dialing) TLS(c Credentials) *tls.Config {
	if !c.SSL {
		return nil
	}
	return &tls.Config{ServerName: c.Host, RootCAs: d.RootCAs, MinVersion: tls.VersionTLS12}
}

// Timeout is ConnectTimeout, or its default.
func (d Dialing) Timeout() time.Duration {
	if d.ConnectTimeout == 0 {
		return 5 * time.Second
	}
	return d.ConnectTimeout
}
