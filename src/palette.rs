//! The one level palette shared by the screen and the PDF: plain RGB values, no toolkit types.
//!
//! The fills are the Word standard colours the institute's notes have always used, so a
//! printed table looks like the ones analysts know — except red, lightened so that black text
//! on it stays legible on screen and in black-and-white print. Text on every fill is black.

use crate::methodology::Colour;

/// An sRGB colour, 8 bits a channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    pub const fn new(r: u8, g: u8, b: u8) -> Rgb {
        Rgb { r, g, b }
    }

    /// `0xRRGGBB` (what spreadsheet writers take).
    pub fn hex(self) -> u32 {
        (u32::from(self.r) << 16) | (u32::from(self.g) << 8) | u32::from(self.b)
    }

    /// Channels as fractions 0.0–1.0 (what PDF colour operators take).
    pub fn fractions(self) -> [f32; 3] {
        [self.r, self.g, self.b].map(|c| f32::from(c) / 255.0)
    }
}

pub const GREEN: Rgb = Rgb::new(0x92, 0xD0, 0x50);
pub const YELLOW: Rgb = Rgb::new(0xFF, 0xFF, 0x00);
pub const RED: Rgb = Rgb::new(0xFF, 0x5A, 0x5A);
pub const BLUE: Rgb = Rgb::new(0x00, 0xB0, 0xF0);
pub const GREY: Rgb = Rgb::new(0xD9, 0xD9, 0xD9);

/// Background of table header rows.
pub const HEADER: Rgb = Rgb::new(0xF2, 0xF2, 0xF2);
/// Text, rules and table borders.
pub const INK: Rgb = Rgb::new(0x00, 0x00, 0x00);
pub const WHITE: Rgb = Rgb::new(0xFF, 0xFF, 0xFF);

/// The fill of a level's colour role.
pub fn level_fill(colour: Colour) -> Rgb {
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
    fn every_role_has_a_distinct_fill() {
        let roles = [Colour::Green, Colour::Yellow, Colour::Red, Colour::Blue, Colour::Grey];
        let fills: std::collections::HashSet<Rgb> = roles.iter().map(|c| level_fill(*c)).collect();
        assert_eq!(fills.len(), roles.len());
        assert_eq!(level_fill(Colour::Green), Rgb::new(0x92, 0xD0, 0x50));
        assert_eq!(YELLOW.fractions(), [1.0, 1.0, 0.0]);
        assert_eq!(GREEN.hex(), 0x0092_D050);
    }
}
