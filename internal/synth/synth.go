// Package synth generates synthetic township rosters for tests, benchmarks
// and examples: a seeded town of several villages whose residents cover
// every target group of 石堰府发〔2023〕10号 二 and 三(二)2, with boundary
// ages around the as-of date, valid identity numbers and a chosen share of
// bad rows.
//
// The output is a roster CSV (UTF-8, no byte-order mark, LF line ends) with
// the Chinese headers that package reporting imports by default. The same
// [Options] always give the same bytes (math/rand/v2 PCG). Every person is
// invented; identity numbers are well-formed (GB 11643-1999 check
// characters computed by package eligibility) but belong to no one.
package synth

import (
	"errors"
	"math/rand/v2"
	"strconv"

	"github.com/canbao/kuomian/eligibility"
)

// Header is the header row of a generated roster.
const Header = "姓名,身份证号码,性别,出生日期,村(社区),户籍地,是否本区户籍,就业状况,平台类型,执业资格,参保险种,缴费状态,参保地,缴费档次,身份标记,征地日期,联系状况,备注"

// DefaultVillages are the villages (村/社区) of the default town. The names
// are invented for the synthetic 石堰-like town.
var DefaultVillages = []string{"石堰社区", "码头村", "双龙村", "柏林村", "大堰村", "新华村", "楠木村", "桃花村"}

// BadKind is a kind of deliberately bad row.
type BadKind uint8

// The kinds of bad row the generator writes.
const (
	BadCheckDigit BadKind = iota // identity number with a wrong check character
	BadDate                      // identity number with an impossible birth date (e.g. 0230)
	BadEmptyName                 // empty 姓名
	BadTier                      // non-numeric 缴费档次 (e.g. "一千")
	NumBadKinds                  // the number of kinds; not a kind
)

// String returns the kind's name.
func (k BadKind) String() string {
	switch k {
	case BadCheckDigit:
		return "check-digit"
	case BadDate:
		return "impossible-date"
	case BadEmptyName:
		return "empty-name"
	case BadTier:
		return "non-numeric-tier"
	}
	return "BadKind(" + strconv.Itoa(int(k)) + ")"
}

// Options configures a generated town.
type Options struct {
	Seed uint64 // the PCG seed
	Rows int    // data rows to write (not counting the header)
	// AsOf is the date the boundary ages are computed against; zero means
	// 2023-06-30.
	AsOf eligibility.Date
	// Villages names the villages; nil means DefaultVillages.
	Villages []string
	// BadPerMille is the share of bad rows, in rows per thousand (0..1000),
	// spread evenly over the BadKinds.
	BadPerMille int
}

// Stats describes a generated roster.
type Stats struct {
	Rows int              // data rows written
	Bad  [NumBadKinds]int // bad rows by kind
	Good int              // rows without a deliberate fault
}

// BadRows returns the number of bad rows.
func (s Stats) BadRows() int {
	n := 0
	for _, b := range s.Bad {
		n += b
	}
	return n
}

// ErrOptions is returned for options the generator cannot use.
var ErrOptions = errors.New("synth: invalid options")

// profile is a kind of resident the generator draws.
type profile uint8

const (
	profSmallBusiness profile = iota
	profSubsidy
	profPlatform
	profFreelancer
	profAffluent
	profTierBoundary // 城乡居民 at exactly 1000 元: not 城乡富裕人员
	profHardship
	profSuspended
	profOther
	profElderly
	profBoundaryAge // not employed, uninsured, at 44/45/46, 39/40/41 or 59/60/61
	profEmployed
	profInsured
	profStudent
	profNotFound
	numProfiles
)

// weights of the profiles, per 100 rows.
var profileWeights = [numProfiles]int{
	profSmallBusiness: 8, profSubsidy: 6, profPlatform: 8, profFreelancer: 3,
	profAffluent: 5, profTierBoundary: 2, profHardship: 5, profSuspended: 5,
	profOther: 14, profElderly: 6, profBoundaryAge: 10, profEmployed: 8,
	profInsured: 14, profStudent: 2, profNotFound: 4,
}

var (
	surnames = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "胡", "朱", "郭", "何", "罗", "高", "林", "谭", "冉", "欧阳", "司马"}
	given    = []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "英", "华", "建", "国", "红", "兰", "云", "德"}
	platform = []string{"网约车司机", "快递小哥", "外卖骑手", "同城货运司机"}
	licences = []string{"导游", "律师", "会计师", "建筑师"}
	tiers    = []string{"100", "200", "300", "500", "800", "1000", "1500", "2000", "3000"}
	flagsSub = []string{"被征地", "村干部", "财政供养", "镇街聘用", "产业带头人", "农村劳动力转移"}
	flagsHrd = []string{"低保", "特困", "重度残疾", "低保、重度残疾"}
	boundary = []int{44, 45, 46, 39, 40, 41, 59, 60, 61}
)

// Area codes: the local district (重庆市长寿区) and some others.
const localArea = "500115"

var otherAreas = []string{"500112", "500101", "510104", "420106"}

// Generate returns a roster of opt.Rows rows and what it holds.
func Generate(opt Options) ([]byte, Stats, error) {
	// About 130 bytes a row: size the buffer once.
	return Append(make([]byte, 0, len(Header)+1+max(opt.Rows, 0)*136), opt)
}

// Append appends a roster (header included) to dst.
func Append(dst []byte, opt Options) ([]byte, Stats, error) {
	if opt.Rows < 0 || opt.BadPerMille < 0 || opt.BadPerMille > 1000 {
		return dst, Stats{}, ErrOptions
	}
	asOf := opt.AsOf
	if asOf.IsZero() {
		asOf = eligibility.MustParseDate("2023-06-30")
	}
	villages := opt.Villages
	if len(villages) == 0 {
		villages = DefaultVillages
	}
	g := gen{rng: rand.New(rand.NewPCG(opt.Seed, 0x6b756f6d69616e)), asOf: asOf, villages: villages}
	var total int
	for _, w := range profileWeights {
		total += w
	}
	g.total = total
	dst = append(dst, Header...)
	dst = append(dst, '\n')
	var st Stats
	for i := range opt.Rows {
		bad := -1
		if opt.BadPerMille > 0 && g.rng.IntN(1000) < opt.BadPerMille {
			bad = int(BadKind(g.rng.IntN(int(NumBadKinds))))
		}
		// The first rows walk through every profile and every boundary
		// age, so that even a small town covers them all.
		p := profile(i % int(numProfiles))
		if i >= 2*int(numProfiles)*len(boundary) {
			p = g.pick()
		}
		dst = g.row(dst, p, i, bad)
		st.Rows++
		if bad >= 0 {
			st.Bad[bad]++
		} else {
			st.Good++
		}
	}
	return dst, st, nil
}

type gen struct {
	rng      *rand.Rand
	asOf     eligibility.Date
	villages []string
	total    int
	// next counts, per area, birth date and sex, the sequence codes given
	// out (low 16 bits) from a random start (high bits).
	next map[[15]byte]int
}

func (g *gen) pick() profile {
	n := g.rng.IntN(g.total)
	for p, w := range profileWeights {
		if n < w {
			return profile(p)
		}
		n -= w
	}
	return profOther
}

func (g *gen) oneOf(list []string) string { return list[g.rng.IntN(len(list))] }

// birthForAge returns a birth date at which the resident is, on asOf, age
// years old; shift -1, 0, +1 picks the day after the birthday, the birthday
// itself, or the day before the next birthday is missed by one day.
func (g *gen) birthForAge(age int) eligibility.Date {
	b := g.asOf.AddYears(-age)
	switch g.rng.IntN(3) {
	case 0: // birthday is today
	case 1: // birthday was yesterday
		b = b.AddDays(-1)
	default: // birthday is tomorrow: one year younger
		b = b.AddDays(1)
	}
	return b
}

func (g *gen) randomBirth(minAge, maxAge int) eligibility.Date {
	age := minAge + g.rng.IntN(maxAge-minAge+1)
	return g.asOf.AddYears(-age).AddDays(-g.rng.IntN(365))
}

// row appends one roster row.
func (g *gen) row(dst []byte, p profile, i, bad int) []byte {
	var (
		birth           eligibility.Date
		employment      string
		plat, lic       string
		scheme, status  string
		location, tier  string
		flags, landDate string
		contact, note   string
		local           = true
	)
	switch p {
	case profSmallBusiness:
		birth = g.randomBirth(20, 58)
		employment = g.oneOf([]string{"个体工商户", "小微企业从业人员"})
		scheme = "未参保"
	case profSubsidy:
		birth = g.randomBirth(20, 58)
		employment = "未就业"
		scheme = "未参保"
		flags = g.oneOf(flagsSub)
		if flags == "被征地" {
			landDate = g.asOf.AddDays(-30 - g.rng.IntN(700)).String()
		}
	case profPlatform:
		birth = g.randomBirth(18, 50)
		employment = "新业态从业人员"
		plat = g.oneOf(platform)
		scheme = g.oneOf([]string{"未参保", "未参保", "城乡居民"})
	case profFreelancer:
		birth = g.randomBirth(24, 58)
		employment = "持证自由职业者"
		lic = g.oneOf(licences)
		scheme = "未参保"
	case profAffluent:
		birth = g.randomBirth(30, 58)
		employment = "未就业"
		scheme, status, location = "城乡居民", "正常缴费", "本区"
		tier = g.oneOf([]string{"1500", "2000", "3000", "1000.5"})
	case profTierBoundary:
		birth = g.randomBirth(30, 58)
		employment = "未就业"
		scheme, status, location, tier = "城乡居民", "正常缴费", "本区", "1000"
	case profHardship:
		birth = g.randomBirth(20, 70)
		employment = "未就业"
		scheme = "未参保"
		flags = g.oneOf(flagsHrd)
	case profSuspended:
		birth = g.randomBirth(25, 58)
		employment = "未就业"
		scheme = g.oneOf([]string{"企业职工", "城乡居民"})
		status = "暂停缴费"
		location = g.oneOf([]string{"区外市内", "市外"})
		if location == "市外" {
			note = "需提供市外参保证明"
		}
	case profOther:
		birth = g.randomBirth(16, 58)
		employment = g.oneOf([]string{"未就业", "务农", "单位就业"})
		scheme = "未参保"
	case profElderly:
		birth = g.randomBirth(60, 85)
		employment = "未就业"
		scheme = "未参保"
	case profBoundaryAge:
		birth = g.birthForAge(boundary[(i/int(numProfiles))%len(boundary)])
		employment = "未就业"
		scheme = "未参保"
	case profEmployed:
		birth = g.randomBirth(18, 58)
		employment = "单位就业"
		scheme, status, location = "企业职工", "正常缴费", "本区"
	case profInsured:
		birth = g.randomBirth(16, 80)
		employment = "未就业"
		scheme, status, location = "城乡居民", "正常缴费", "本区"
		tier = g.oneOf(tiers[:6])
	case profStudent:
		birth = g.randomBirth(16, 22)
		employment = "在校学生"
		scheme = "未参保"
	case profNotFound:
		birth = g.randomBirth(20, 58)
		employment = "未就业"
		scheme = "未参保"
		contact = g.oneOf([]string{"找不到人", "联系不上", "不是当地人"})
	}
	if contact == "" {
		contact = "已联系"
	}
	if p != profElderly && p != profSuspended && g.rng.IntN(20) == 0 {
		local = false
	}
	male := g.rng.IntN(2) == 0
	area := localArea
	if !local {
		area = g.oneOf(otherAreas)
	}
	id, birth := g.idNumber(area, birth, male, bad)

	// 姓名
	if bad != int(BadEmptyName) {
		dst = append(dst, g.oneOf(surnames)...)
		dst = append(dst, g.oneOf(given)...)
		if g.rng.IntN(3) > 0 {
			dst = append(dst, g.oneOf(given)...)
		}
	}
	dst = append(dst, ',')
	dst = append(dst, id[:]...)
	dst = append(dst, ',')
	if male {
		dst = append(dst, "男"...)
	} else {
		dst = append(dst, "女"...)
	}
	dst = append(dst, ',')
	if bad != int(BadDate) && bad != int(BadCheckDigit) {
		dst, _ = birth.AppendText(dst)
	}
	dst = append(dst, ',')
	dst = append(dst, g.villages[g.rng.IntN(len(g.villages))]...)
	dst = append(dst, ',')
	if local {
		dst = append(dst, "长寿区,是,"...)
	} else {
		dst = append(dst, "区外,否,"...)
	}
	dst = append(dst, employment...)
	dst = append(dst, ',')
	dst = append(dst, plat...)
	dst = append(dst, ',')
	dst = append(dst, lic...)
	dst = append(dst, ',')
	dst = append(dst, scheme...)
	dst = append(dst, ',')
	dst = append(dst, status...)
	dst = append(dst, ',')
	dst = append(dst, location...)
	dst = append(dst, ',')
	if bad == int(BadTier) {
		dst = append(dst, "一千"...)
	} else {
		dst = append(dst, tier...)
	}
	dst = append(dst, ',')
	dst = append(dst, flags...)
	dst = append(dst, ',')
	dst = append(dst, landDate...)
	dst = append(dst, ',')
	dst = append(dst, contact...)
	dst = append(dst, ',')
	dst = append(dst, note...)
	return append(dst, '\n')
}

// idNumber returns an identity number for the birth date and sex, with a
// deliberate fault when bad asks for one.
// It returns the birth date the number holds: the day after when every
// sequence code of the day is taken.
func (g *gen) idNumber(area string, birth eligibility.Date, male bool, bad int) ([18]byte, eligibility.Date) {
	var b [18]byte
	copy(b[:6], area)
	y, m, d := birth.Year(), int(birth.Month()), birth.Day()
	if bad == int(BadDate) {
		m, d = 2, 30
	}
	put(b[6:10], y)
	put(b[10:12], m)
	put(b[12:14], d)
	// Each (area, birth date, sex) hands out its sequence codes in turn,
	// from a random start, so that each person has a number of their own
	// (a roster names one person once; the reader refuses a second row for
	// the same one); a day whose 500 codes of one sex are taken passes its
	// people on to the next day.
	if g.next == nil {
		g.next = make(map[[15]byte]int)
	}
	for {
		var key [15]byte
		copy(key[:14], b[:14])
		if male {
			key[14] = 1
		}
		n, seen := g.next[key]
		if !seen {
			n = g.rng.IntN(500) << 16 // the start, kept in the high bits
		}
		if used := n & 0xFFFF; used < 500 {
			g.next[key] = n + 1
			seq := ((n>>16 + used) % 500) * 2 // even: female
			if male {
				seq++
			}
			put(b[14:17], seq)
			break
		}
		birth = birth.AddDays(1)
		put(b[6:10], birth.Year())
		put(b[10:12], int(birth.Month()))
		put(b[12:14], birth.Day())
	}
	b[17] = checkChar(b)
	if bad == int(BadCheckDigit) {
		b[17] = wrongCheck(b[17])
	}
	return b, birth
}

// put writes n as len(b) decimal digits.
func put(b []byte, n int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
}

func wrongCheck(c byte) byte {
	if c == '0' {
		return '1'
	}
	if c == 'X' {
		return '0'
	}
	return c - 1
}

// checkChar returns the GB 11643-1999 check character of the first 17
// characters of b ([eligibility.CheckCharacter]); they are digits.
func checkChar(b [18]byte) byte {
	c, err := eligibility.CheckCharacter(string(b[:17]))
	if err != nil {
		panic(err) // put writes digits only
	}
	return c
}
