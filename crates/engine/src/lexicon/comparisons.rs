//! Words that make a comparison or an amount worth checking.

/// Words that make an amount a figure worth checking ("2 million", "half", "dozens").
pub const SCALE_WORDS: &[&str] = &[
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "trillions",
    "thousand",
    "thousands",
    "hundreds",
    "dozens",
    "half",
    "twice",
    "double",
    "triple",
    "majority",
    "quarter",
];
