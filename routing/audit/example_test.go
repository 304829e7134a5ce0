package audit_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"github.com/canbao/kuomian/routing/audit"
)

// Compare the published rulebook with the same rulebook deriving its age
// line from the 2024 retirement reform.
func ExampleCompare() {
	published := routing.MustCompile(routing.Luodong2019())
	derived := routing.MustCompile(routing.Luodong2019().WithDerivedAgeLines())
	residents := []eligibility.Resident{
		{Gender: eligibility.Male, Birth: eligibility.MustParseDate("1976-01-01"), Employment: eligibility.Employment{Kind: eligibility.NotEmployed}},
		{Gender: eligibility.Male, Birth: eligibility.MustParseDate("1990-01-01"), Employment: eligibility.Employment{Kind: eligibility.NotEmployed}},
	}
	for _, d := range audit.Compare(published, derived, residents, eligibility.MustParseDate("2019-08-01")) {
		fmt.Printf("#%d %s: %s → %s (threshold %s)\n", d.Index, d.Fields, d.A.Outcome, d.B.Outcome, d.B.Threshold)
	}
	// Output:
	// #0 scheme,channel,venue,fallback: employee → resident (threshold 2019-05-01)
}

// A decision record for an audit log: no name, no identity number.
func ExampleNewRecord() {
	rt := routing.MustCompile(routing.Luodong2019())
	r := eligibility.Resident{
		ID:         eligibility.MustParseIDNumber("110105197408010013"),
		Name:       "张三",
		Employment: eligibility.Employment{Kind: eligibility.EmployedByUnit},
	}
	d, _ := rt.Route(r, eligibility.MustParseDate("2019-08-01"))
	rec := audit.NewRecord(d, r)
	fmt.Println(rec.RecordVersion, rec.Policy.ID, rec.AsOf, rec.Outcome.Scheme, rec.Outcome.Channel, rec.Outcome.Venue)
	fmt.Println(strings.HasPrefix(rec.InputDigest, "sha256:"))
	_ = audit.EncodeRecord(os.Stdout, rec)
	// Output:
	// 1 luodong-2019 2019-08-01 employee employer employer
	// true
	// {
	//   "record_version": 1,
	//   "policy": {
	//     "id": "luodong-2019",
	//     "version": "1",
	//     "document": "罗政〔2019〕185号"
	//   },
	//   "as_of": "2019-08-01",
	//   "input_digest": "sha256:4e514977743a2f3a2664bb026633235647be49e8fabbe43f07eebe8780aa140b",
	//   "outcome": {
	//     "scheme": "employee",
	//     "channel": "employer",
	//     "venue": "employer",
	//     "fallback": {
	//       "scheme": "",
	//       "channel": "",
	//       "venue": ""
	//     },
	//     "subsidies": [],
	//     "actions": [
	//       "report_in_bulletin"
	//     ],
	//     "groups": [],
	//     "band": "older",
	//     "phase": ""
	//   },
	//   "reasons": [
	//     {
	//       "kind": "age",
	//       "rule": "",
	//       "citation": "",
	//       "item": ""
	//     },
	//     {
	//       "kind": "route",
	//       "rule": "2.2.1",
	//       "citation": "罗政〔2019〕185号 二(二)1",
	//       "item": ""
	//     },
	//     {
	//       "kind": "venue",
	//       "rule": "venue.employer",
	//       "citation": "罗政〔2019〕185号 二(二)1",
	//       "item": ""
	//     },
	//     {
	//       "kind": "action",
	//       "rule": "3.1",
	//       "citation": "罗政〔2019〕185号 三(一)",
	//       "item": ""
	//     },
	//     {
	//       "kind": "milestone",
	//       "rule": "",
	//       "citation": "罗政〔2019〕185号 三(二)",
	//       "item": "2019-12-31 80%"
	//     }
	//   ]
	// }
}
