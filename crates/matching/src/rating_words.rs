//! How fact-checkers word their verdicts, grouped by what a matching fact-check says about the
//! claim on the desk. Matched on whole words of the lower-cased rating; checked in this order,
//! so "half true" is a mixed verdict before it is a true one, and "not true" false before true.

/// Verdicts that neither confirm nor refute: the fact-check gives context.
pub const MIXED: &[&str] = &[
    "half",
    "mixture",
    "mixed",
    "misleading",
    "unproven",
    "unverified",
    "unsupported",
    "partly",
    "partially",
    "outdated",
    "satire",
    "legend",
    "exaggerated",
    "exaggerates",
    "missing context",
    "lacks context",
    "needs context",
    "research in progress",
    "undetermined",
    "spin",
];

/// Verdicts that the claim is false: the fact-check refutes it.
pub const FALSE: &[&str] = &[
    "false",
    "mostly false",
    "pants on fire",
    "fake",
    "fabricated",
    "incorrect",
    "inaccurate",
    "wrong",
    "misattributed",
    "miscaptioned",
    "scam",
    "hoax",
    "not true",
    "untrue",
    "baseless",
    "debunked",
    "no evidence",
    "four pinocchios",
    "three pinocchios",
    "altered",
    "doctored",
    // ClaimDesk's own status when a review carries no verdict.
    "disputed",
];

/// Verdicts that the claim is true: the fact-check supports it.
pub const TRUE: &[&str] = &[
    "true",
    "mostly true",
    "correct",
    "accurate",
    "correct attribution",
    "real",
    "confirmed",
    "verified",
    "geppetto checkmark",
];
