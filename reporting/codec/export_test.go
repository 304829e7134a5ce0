package codec

// GBRefuses exports gbRefuses for the exhaustive test against x/text.
var GBRefuses = gbRefuses
