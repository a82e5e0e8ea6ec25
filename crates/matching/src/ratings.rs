//! What a matching fact-check's rating says about the claim on the desk, as the stance of the
//! evidence link it becomes: a fact-check that rated the claim false refutes it.

use claimdesk_store::review_state::Stance;

use crate::rating_words::{FALSE, MIXED, TRUE};

/// The stance an attached fact-check takes by default, from its rating: `refutes` for a false
/// verdict, `supports` for a true one, `context` for everything else (mixed, unproven, no
/// rating). A numeric rating ("2 of 5") counts as false up to 40% of the scale and true from
/// 80%.
pub fn stance_of(rating: Option<&str>) -> Stance {
    let Some(rating) = rating else {
        return Stance::Context;
    };
    let normalised: String = rating
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<&str> = normalised.split_whitespace().collect();
    let text = format!(" {} ", words.join(" "));
    if let Some(stance) = numeric(&words) {
        return stance;
    }
    let has = |phrases: &[&str]| phrases.iter().any(|p| text.contains(&format!(" {p} ")));
    if has(MIXED) {
        Stance::Context
    } else if has(FALSE) {
        Stance::Refutes
    } else if has(TRUE) {
        Stance::Supports
    } else {
        Stance::Context
    }
}

/// "2 of 5" (as ClaimReview's numeric ratings are imported), as a stance.
fn numeric(words: &[&str]) -> Option<Stance> {
    let [value, "of", best] = words else {
        return None;
    };
    let (value, best): (f64, f64) = (value.parse().ok()?, best.parse().ok()?);
    if best <= 0.0 {
        return None;
    }
    let share = value / best;
    Some(if share <= 0.4 {
        Stance::Refutes
    } else if share >= 0.8 {
        Stance::Supports
    } else {
        Stance::Context
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::false_("False", Stance::Refutes)]
    #[case::mostly_false("Mostly False", Stance::Refutes)]
    #[case::pants("Pants on Fire!", Stance::Refutes)]
    #[case::not_true("Not true", Stance::Refutes)]
    #[case::true_("TRUE", Stance::Supports)]
    #[case::mostly_true("Mostly true", Stance::Supports)]
    #[case::half_true("Half True", Stance::Context)]
    #[case::mixture("Mixture", Stance::Context)]
    #[case::misleading("Misleading", Stance::Context)]
    #[case::unknown("Labeled as opinion", Stance::Context)]
    #[case::low_number("1 of 5", Stance::Refutes)]
    #[case::high_number("5 of 5", Stance::Supports)]
    #[case::middle_number("3 of 5", Stance::Context)]
    fn a_rating_gives_the_attached_link_its_stance(#[case] rating: &str, #[case] stance: Stance) {
        assert_eq!(stance_of(Some(rating)), stance);
    }

    #[test]
    fn no_rating_is_context() {
        assert_eq!(stance_of(None), Stance::Context);
    }
}
