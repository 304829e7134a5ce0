// Package vocab gives every enumeration of kuomian its one vocabulary: the
// key, Chinese and English labels and the aliases people write for each
// value, read by String, Label, MarshalText and UnmarshalText, by policy
// files, roster columns and policy test cases alike; and the one set type
// of enumeration values.
//
// # Vocabularies
//
// A [Vocabulary] is an immutable table of [Term]s made by [New]: term i
// names value i. [Vocabulary.Parse] and [Vocabulary.Lookup] accept a key, a
// label or an alias (keys and English labels without regard to ASCII case,
// spaces trimmed), so every word a plan or a roster uses for a value, and
// every label the library prints, reads back as that value. An unknown word
// gives a [*TextError] whose input is masked.
//
// # Sets
//
// A [Set] holds values of one enumeration (any type satisfying [Enum]: a
// small integer type with a Vocabulary method) in a comparable uint64. Its
// JSON form is a list of keys; labels and aliases are accepted when read.
package vocab
