package synth_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

// Plan previews by default (what AWS assigns is unknown), and Deployed makes it up.
func TestPlanPreviewAndDeployed(t *testing.T) {
	program := func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{}`)})
		if err != nil {
			return err
		}
		db, err := secrets.NewSecret(ctx, "db", nil)
		if err != nil {
			return err
		}
		_, err = db.GrantRead(ctx, "app-read", grants.Role(role))
		return err
	}
	preview, err := synth.Plan(program)
	if err != nil {
		t.Fatal(err)
	}
	deployed, err := synth.Plan(program, synth.Deployed())
	if err != nil {
		t.Fatal(err)
	}
	p, ok := synth.Find(preview, "aws:iam/rolePolicy:RolePolicy", "app-read-policy")
	if !ok || p.Input("role") != "[unknown]" || p.Parent != "app-read" {
		t.Errorf("preview: role %q, parent %q", p.Input("role"), p.Parent)
	}
	d, _ := synth.Find(deployed, "aws:iam/rolePolicy:RolePolicy", "app-read-policy")
	if !strings.Contains(d.Input("policy"), "secretsmanager:GetSecretValue") || d.Input("role") != "app" {
		t.Errorf("deployed: policy %q, role %q", d.Input("policy"), d.Input("role"))
	}
	v, _ := synth.Find(deployed, "aws:secretsmanager/secretVersion:SecretVersion", "db-version")
	if v.Input("secretString") != "[secret]" || v.Input("versionStages") != `["AWSCURRENT","SECRETSMITH"]` || v.Input("nothing") != "" {
		t.Errorf("version: %q %q", v.Input("secretString"), v.Input("versionStages"))
	}
	if _, ok := synth.Find(deployed, "aws:iam/role:Role", "nobody"); ok {
		t.Error("found a resource that is not there")
	}
}

// WithConfig is the stack's configuration.
func TestPlanWithConfig(t *testing.T) {
	resources, err := synth.Plan(func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{SecretName: pulumi.String(config.Require(ctx, "name"))})
		return err
	}, synth.WithConfig(map[string]string{"project:name": "prod/db"}))
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := synth.Find(resources, "aws:secretsmanager/secret:Secret", "db-secret"); s.Input("name") != "prod/db" {
		t.Errorf("name = %q, want the configured prod/db", s.Input("name"))
	}
}
