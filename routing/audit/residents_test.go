package audit_test

import (
	"math/rand/v2"
	"time"

	"github.com/canbao/kuomian/eligibility"
	"github.com/canbao/kuomian/routing"
	"github.com/shopspring/decimal"
)

// riResident builds a resident from fuzzed or random facts (any enum value,
// out-of-range ones included).
func riResident(y, m, day int, gender, emp, platform, scheme, status, loc uint8, flags uint32, contact uint8, local bool, tierCents int64) eligibility.Resident {
	birth, err := eligibility.NewDate(y, time.Month(m), day)
	if err != nil {
		birth = eligibility.Date{}
	}
	return eligibility.Resident{
		Gender:       eligibility.Gender(gender % 4),
		Birth:        birth,
		Hukou:        eligibility.Hukou{Local: local, Village: "石堰村"},
		Employment:   eligibility.Employment{Kind: eligibility.EmploymentKind(emp % 12), Platform: eligibility.PlatformKind(platform % 8)},
		Insurance:    eligibility.Insurance{Scheme: eligibility.Scheme(scheme % 8), Status: eligibility.InsuranceStatus(status % 6), Location: eligibility.InsuranceLocation(loc % 6)},
		ResidentTier: decimal.New(tierCents, -2),
		Flags:        eligibility.Flags(flags),
		Contact:      eligibility.ContactStatus(contact % 6),
	}
}

// riRandom draws a resident: varied enough that successive decisions
// differ in every field (groups, reasons, fallback, subsidies, phase…).
func riRandom(rng *rand.Rand) eligibility.Resident {
	return riResident(1935+rng.IntN(95), 1+rng.IntN(12), 1+rng.IntN(28),
		uint8(rng.IntN(4)), uint8(rng.IntN(12)), uint8(rng.IntN(8)), uint8(rng.IntN(8)), uint8(rng.IntN(6)), uint8(rng.IntN(6)),
		rng.Uint32()&0x3FFF, uint8(rng.IntN(6)), rng.IntN(4) > 0, int64(rng.IntN(5))*50000)
}

type riCase struct {
	name string
	rt   *routing.Router
	from eligibility.Date
	days int
}

func riCases() []riCase {
	return []riCase{
		{"石堰府发〔2023〕10号", routing.MustCompile(routing.Shiyan2023()), d("2022-12-25"), 380},
		{"罗政〔2019〕185号", routing.MustCompile(routing.Luodong2019()), d("2019-07-10"), 540},
	}
}
