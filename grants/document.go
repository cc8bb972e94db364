package grants

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/secretsmith/secretsmith/internal/policy"
)

// buildDocument is the identity policy that gives access on parts, merged: one Secrets Manager
// statement per condition with every resource under it, one KMS statement per region
// (kms:ViaService differs by region) with every key used there, then the access's extra
// statements, whose resources default to every resource of the grant.
func buildDocument(parts []part, access Access, stages []string) (string, error) {
	partition := ""
	var resources, regions []string
	byCondition := map[string]*policy.Statement{}
	var order []string
	keys := map[string][]string{}
	for _, p := range parts {
		if partition == "" {
			partition = p.partition
		} else if p.partition != partition {
			return "", fmt.Errorf("the secrets are in two partitions, %s and %s: grant each partition's secrets separately", partition, p.partition)
		}
		cond := mergeConditions(stageCondition(stages), p.condition)
		id := conditionID(cond)
		st, ok := byCondition[id]
		if !ok {
			st = &policy.Statement{Effect: "Allow", Action: access.actions, Condition: cond}
			byCondition[id] = st
			order = append(order, id)
		}
		for _, r := range p.resources {
			if !slices.Contains(st.Resource, r) {
				st.Resource = append(st.Resource, r)
			}
			if !slices.Contains(resources, r) {
				resources = append(resources, r)
			}
		}
		for _, k := range p.keys {
			if _, ok := keys[k.region]; !ok {
				regions = append(regions, k.region)
			}
			if !slices.Contains(keys[k.region], k.key) {
				keys[k.region] = append(keys[k.region], k.key)
			}
		}
	}
	var stmts []policy.Statement
	for _, id := range order {
		stmts = append(stmts, *byCondition[id])
	}
	if len(access.kmsActions) > 0 {
		for _, region := range regions {
			stmts = append(stmts, policy.Statement{
				Effect: "Allow", Action: access.kmsActions, Resource: keys[region],
				Condition: policy.Conditions{"StringEquals": {"kms:ViaService": {viaService(partition, region)}}},
			})
		}
	}
	for _, e := range access.extra {
		stmts = append(stmts, e.toPolicy(nil, resources))
	}
	return policy.New(stmts...).JSON(), nil
}

// mergeConditions is the union of a and b (which share no condition key).
func mergeConditions(a, b policy.Conditions) policy.Conditions {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := policy.Conditions{}
	for _, c := range []policy.Conditions{a, b} {
		for op, keys := range c {
			if out[op] == nil {
				out[op] = map[string][]string{}
			}
			for k, v := range keys {
				out[op][k] = v
			}
		}
	}
	return out
}

// conditionID identifies a condition: its JSON, which sorts operators and keys.
func conditionID(c policy.Conditions) string {
	b, _ := json.Marshal(c) // maps of strings: cannot fail
	return string(b)
}
