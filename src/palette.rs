//! The level colours shared by the screen and the PDF, as plain RGB so that neither `ui` nor
//! `report` owns them. They follow the fills of the 2022 note's tables (Word's standard
//! green, yellow, red and light blue), lightened just enough for black text to stay legible.

use crate::methodology::Colour;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

pub const GREEN: Rgb = Rgb(146, 208, 80);
pub const YELLOW: Rgb = Rgb(255, 230, 0);
pub const RED: Rgb = Rgb(240, 80, 70);
pub const BLUE: Rgb = Rgb(0, 176, 240);
pub const GREY: Rgb = Rgb(210, 210, 210);

/// The fill of a level's colour role.
pub fn fill(colour: Colour) -> Rgb {
    match colour {
        Colour::Green => GREEN,
        Colour::Yellow => YELLOW,
        Colour::Red => RED,
        Colour::Blue => BLUE,
        Colour::Grey => GREY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_its_own_fill() {
        let all = [Colour::Green, Colour::Yellow, Colour::Red, Colour::Blue, Colour::Grey];
        let fills: std::collections::HashSet<_> = all.iter().map(|c| fill(*c)).collect();
        assert_eq!(fills.len(), all.len());
        assert_eq!(fill(Colour::Green), GREEN);
        assert_eq!(fill(Colour::Blue), BLUE);
    }
}
