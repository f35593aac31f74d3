//! The level colours as plain RGB values — the one place they are defined for files the program
//! writes (spreadsheets; the PDF and the screen should map [`Colour`] through here too).
//! No GUI or document types: each consumer converts `0xRRGGBB` into its own colour type.

use crate::methodology::Colour;

/// Cell fill of a level's colour role, `0xRRGGBB`: light tones that keep black text readable,
/// like the fills of the seed note's tables.
pub fn fill(colour: Colour) -> u32 {
    match colour {
        Colour::Green => 0x00C6_EFCE,
        Colour::Yellow => 0x00FF_EB9C,
        Colour::Red => 0x00FF_C7CE,
        Colour::Blue => 0x00BD_D7EE,
        Colour::Grey => 0x00E7_E6E6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_its_own_fill() {
        let roles = [Colour::Green, Colour::Yellow, Colour::Red, Colour::Blue, Colour::Grey];
        let fills: std::collections::HashSet<u32> = roles.iter().map(|c| fill(*c)).collect();
        assert_eq!(fills.len(), roles.len());
        assert!(fills.iter().all(|f| *f <= 0x00FF_FFFF));
    }
}
