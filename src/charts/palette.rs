//! The colours of the charts, chosen to read on white paper and screens.
//!
//! Every colour that carries meaning (series, text, axes) must reach a
//! contrast of at least 4.5:1 against white (WCAG AA asks 3:1 for graphics);
//! a unit test checks them all. Series never rely on colour alone: each has
//! its own marker shape or fill pattern too.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#RRGGBB`
    pub fn hex(self) -> String {
        format!("#{:02X}{:02X}{:02X}", self.0, self.1, self.2)
    }

    /// WCAG 2 relative luminance.
    pub fn luminance(self) -> f64 {
        fn channel(c: u8) -> f64 {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG 2 contrast ratio between two colours (1..=21).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }
}

pub const WHITE: Rgb = Rgb(255, 255, 255);
/// Titles and labels.
pub const INK: Rgb = Rgb(0x1A, 0x1A, 0x1A);
/// Subtitles, tick labels, notes.
pub const MUTED: Rgb = Rgb(0x4D, 0x4D, 0x4D);
/// The axis line.
pub const AXIS: Rgb = Rgb(0x6B, 0x6B, 0x6B);
/// Grid lines: decoration only, deliberately faint.
pub const GRID: Rgb = Rgb(0xE3, 0xE3, 0xE3);

pub const BLUE: Rgb = Rgb(0x0F, 0x5F, 0xA6);
pub const VERMILION: Rgb = Rgb(0xB0, 0x44, 0x0C);
pub const GREEN: Rgb = Rgb(0x1B, 0x73, 0x42);
pub const PURPLE: Rgb = Rgb(0x7A, 0x3E, 0x9D);
pub const RED: Rgb = Rgb(0xB0, 0x23, 0x2A);
pub const GREY: Rgb = Rgb(0x5E, 0x5E, 0x5E);

/// Every colour that must be legible on white.
pub const MEANINGFUL: [Rgb; 9] = [INK, MUTED, AXIS, BLUE, VERMILION, GREEN, PURPLE, RED, GREY];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_formula_matches_known_values() {
        assert!((Rgb(0, 0, 0).contrast(WHITE) - 21.0).abs() < 1e-9);
        assert!((WHITE.contrast(WHITE) - 1.0).abs() < 1e-9);
        // #767676 is the well-known lightest grey that reaches 4.5:1.
        let grey = Rgb(0x76, 0x76, 0x76).contrast(WHITE);
        assert!(grey > 4.5 && grey < 4.6, "{grey}");
    }

    #[test]
    fn every_meaningful_colour_reaches_4_5_to_1_on_white() {
        for colour in MEANINGFUL {
            let ratio = colour.contrast(WHITE);
            assert!(ratio >= 4.5, "{} has only {ratio:.2}:1", colour.hex());
        }
    }

    #[test]
    fn series_colours_are_distinct_from_each_other() {
        let series = [BLUE, VERMILION, GREEN, PURPLE, RED, GREY];
        for (i, a) in series.iter().enumerate() {
            for b in &series[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }
}
