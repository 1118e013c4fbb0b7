//! QR codes for the printed notices, drawn at build time as inline SVG.
//!
//! The code is the `qrcode` crate's, module for module: the same bits,
//! error correction, drawing and mask. Only the choice of the mask is
//! computed here: the crate scores each of the eight masks with closures
//! boxed module by module (about half a millisecond a code, five seconds
//! for 10,000 notices); [`penalty`] gives the very same scores with plain
//! loops on bit rows, so the same mask wins and the SVG is byte for byte
//! the crate's; and what masking does to a code of a given size is learnt
//! from the crate once ([`Tables`]) instead of masking eight copies of
//! every code.

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::render::svg;
use qrcode::{Color, EcLevel, QrCode};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// The masks in the order the crate tries them (the first lowest score
/// wins).
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// An `<svg>` element (no XML declaration, so it can sit inside HTML)
/// encoding `text`, with a title for screen readers. `None` when the text
/// is too long for a QR code.
pub fn svg(text: &str, label: &str) -> Option<String> {
    let image = draw(text.as_bytes())?;
    let start = image.find("<svg")?;
    let element = &image[start..];
    // Scale with CSS; keep the viewBox for crisp modules.
    let element = element.replacen(
        "<svg ",
        &format!(
            "<svg role=\"img\" aria-label=\"{}\" class=\"qr\" ",
            escape_attribute(label)
        ),
        1,
    );
    Some(element)
}

/// The crate's SVG document for `data` at level M.
fn draw(data: &[u8]) -> Option<String> {
    let bits = qrcode::bits::encode_auto(data, EcLevel::M).ok()?;
    let version = bits.version();
    let width = version.width() as usize;
    if version.is_micro() || width > 64 {
        // Micro codes are never chosen automatically, and a URL long
        // enough for more than 64 modules a side is not one a notice has:
        // the crate draws those itself.
        let code = QrCode::with_bits(bits, EcLevel::M).ok()?;
        return Some(
            code.render::<svg::Color>()
                .min_dimensions(132, 132)
                .quiet_zone(true)
                .build(),
        );
    }
    let codewords = bits.into_bytes();
    let (data, ec) = qrcode::ec::construct_codewords(&codewords, version, EcLevel::M).ok()?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let tables = tables(version, &canvas)?;
    let base = bit_rows(&canvas.into_colors(), width);
    let mut best: Option<(u16, Vec<u64>)> = None;
    for (fixed, mask) in tables.fixed.iter().zip(&tables.masks) {
        // What the crate's apply_mask gives: data modules flipped where
        // the mask says so, functional ones (format information included)
        // as this mask draws them.
        let rows: Vec<u64> = base
            .iter()
            .zip(&tables.functional)
            .zip(fixed.iter().zip(mask))
            .map(|((row, functional), (fixed, mask))| ((row ^ mask) & !functional) | fixed)
            .collect();
        let score = penalty(&Grid::of_rows(rows.clone(), width));
        if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
            best = Some((score, rows));
        }
    }
    let (_, rows) = best?;
    Some(svg_document(&rows, &tables))
}

/// What masking does to every code of one size, learnt once from the
/// crate: which modules are functional, their colours under each mask
/// (the format information differs), and which data modules each mask
/// flips. Bit `x` of row `y` is the module at column `x`.
struct Tables {
    functional: Vec<u64>,
    fixed: Vec<Vec<u64>>,
    masks: Vec<Vec<u64>>,
    /// The SVG document's start, and each module's square as the crate's
    /// renderer writes it (`M{x} {y}h{s}v{s}H{x}V{y}`), row after row.
    head: Vec<u8>,
    squares: Vec<Vec<u8>>,
}

fn bit_rows(colors: &[Color], width: usize) -> Vec<u64> {
    colors
        .chunks_exact(width)
        .map(|line| {
            line.iter()
                .enumerate()
                .fold(0u64, |row, (x, c)| row | u64::from(*c == Color::Dark) << x)
        })
        .collect()
}

/// The tables for `canvas`'s size (drawn, not yet masked), made from it
/// the first time and kept for the process.
fn tables(version: qrcode::Version, canvas: &Canvas) -> Option<Arc<Tables>> {
    static KNOWN: OnceLock<Mutex<HashMap<usize, Arc<Tables>>>> = OnceLock::new();
    let width = version.width() as usize;
    let known = KNOWN.get_or_init(Default::default);
    if let Some(tables) = known.lock().ok()?.get(&width) {
        return Some(tables.clone());
    }
    let base = bit_rows(&canvas.clone().into_colors(), width);
    let side = version.width();
    let functional: Vec<u64> = (0..side)
        .map(|y| {
            (0..side).fold(0u64, |row, x| {
                row | u64::from(qrcode::canvas::is_functional(version, side, x, y)) << x
            })
        })
        .collect();
    let mut fixed = Vec::new();
    let mut masks = Vec::new();
    for mask in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        let rows = bit_rows(&masked.into_colors(), width);
        fixed.push(rows.iter().zip(&functional).map(|(r, f)| r & f).collect());
        masks.push(
            rows.iter()
                .zip(&base)
                .zip(&functional)
                .map(|((r, b), f)| (r ^ b) & !f)
                .collect(),
        );
    }
    let (head, squares) = svg_parts(width);
    let tables = Arc::new(Tables {
        functional,
        fixed,
        masks,
        head,
        squares,
    });
    known.lock().ok()?.insert(width, tables.clone());
    Some(tables)
}

/// What the crate's SVG renderer writes with `min_dimensions(132, 132)`
/// and the 4-module quiet zone, for a code `width` modules a side: the
/// document's start, and each module's square.
fn svg_parts(width: usize) -> (Vec<u8>, Vec<Vec<u8>>) {
    let zone = 4;
    let side = width + 2 * zone;
    // The smallest whole module size reaching 132 pixels.
    let unit = 132usize.div_ceil(side).max(1);
    let pixels = side * unit;
    let mut head = Vec::new();
    head.extend_from_slice(br#"<?xml version="1.0" standalone="yes"?><svg xmlns="http://www.w3.org/2000/svg" version="1.1" width=""#);
    push_number(&mut head, pixels);
    head.extend_from_slice(br#"" height=""#);
    push_number(&mut head, pixels);
    head.extend_from_slice(br#"" viewBox="0 0 "#);
    push_number(&mut head, pixels);
    head.push(b' ');
    push_number(&mut head, pixels);
    head.extend_from_slice(br#"" shape-rendering="crispEdges"><rect x="0" y="0" width=""#);
    push_number(&mut head, pixels);
    head.extend_from_slice(br#"" height=""#);
    push_number(&mut head, pixels);
    head.extend_from_slice(br##"" fill="#fff"/><path fill="#000" d=""##);
    let mut squares = Vec::with_capacity(width * width);
    for row in 0..width {
        for column in 0..width {
            let (x, y) = ((column + zone) * unit, (row + zone) * unit);
            let mut square = vec![b'M'];
            push_number(&mut square, x);
            square.push(b' ');
            push_number(&mut square, y);
            square.push(b'h');
            push_number(&mut square, unit);
            square.push(b'v');
            push_number(&mut square, unit);
            square.push(b'H');
            push_number(&mut square, x);
            square.push(b'V');
            push_number(&mut square, y);
            squares.push(square);
        }
    }
    (head, squares)
}

/// The SVG document of these modules (bit `x` of row `y`: dark module).
fn svg_document(rows: &[u64], tables: &Tables) -> String {
    let width = rows.len();
    let mut out: Vec<u8> = Vec::with_capacity(tables.head.len() + width * width * 12 + 8);
    out.extend_from_slice(&tables.head);
    for (y, &row) in rows.iter().enumerate() {
        let mut row = row;
        while row != 0 {
            let x = row.trailing_zeros() as usize;
            row &= row - 1;
            if let Some(square) = tables.squares.get(y * width + x) {
                out.extend_from_slice(square);
            }
        }
    }
    out.extend_from_slice(br#""/></svg>"#);
    // Only ASCII was written.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends `n` in decimal (the SVG has thousands of them; `write!` is slow).
fn push_number(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

/// A masked code as bit rows and bit columns (bit `x` of row `y` is the
/// module at column `x`; at most 64 modules a side).
struct Grid {
    width: usize,
    rows: Vec<u64>,
    columns: Vec<u64>,
}

impl Grid {
    fn of_rows(rows: Vec<u64>, width: usize) -> Grid {
        let mut columns = vec![0u64; width];
        for (y, &row) in rows.iter().enumerate() {
            let mut row = row;
            while row != 0 {
                let x = row.trailing_zeros() as usize;
                row &= row - 1;
                if let Some(column) = columns.get_mut(x) {
                    *column |= 1 << y;
                }
            }
        }
        Grid {
            width,
            rows,
            columns,
        }
    }
}

/// The crate's total penalty score of a masked normal QR code (rules 1 to
/// 4, with its own readings: the finder rule subtracts the three finder
/// patterns' 360 points; the balance rule is linear), in the crate's u16
/// arithmetic as a release build does it (wrapping).
fn penalty(grid: &Grid) -> u16 {
    let width = grid.width;
    let full = if width >= 64 {
        u64::MAX
    } else {
        (1u64 << width) - 1
    };
    let mut total: u16 = 0;
    // Rule 1, rows then columns: each run of L >= 5 modules of one colour
    // scores L - 2. Bit k of `same`: module k equals module k + 1, so a run
    // of L is L - 1 ones; `four` marks where four ones start, L - 4 bits
    // per such run, and a run's first such bit is a start: (L - 4) + 2.
    for lines in [&grid.rows, &grid.columns] {
        let mut adjacent: u16 = 0;
        for &line in lines.iter() {
            let same = !(line ^ (line >> 1)) & (full >> 1);
            let four = same & same >> 1 & same >> 2 & same >> 3;
            let starts = four & !(four << 1);
            let score = four.count_ones() + 2 * starts.count_ones();
            adjacent = adjacent.wrapping_add(score as u16);
        }
        total = total.wrapping_add(adjacent);
    }
    // Rule 2: 2×2 blocks of one colour.
    let mut blocks: u16 = 0;
    let inner = full >> 1;
    for pair in grid.rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let same = !(a ^ (a >> 1)) & !(b ^ (b >> 1)) & !(a ^ b) & inner;
        blocks = blocks.wrapping_add(3 * same.count_ones() as u16);
    }
    total = total.wrapping_add(blocks);
    // Rule 3, rows then columns: dark-light-dark×3-light-dark with no
    // dark module in the four before it, or none in the four after.
    for lines in [&grid.rows, &grid.columns] {
        let mut finder: u16 = 0;
        for &line in lines.iter() {
            // Bit j: the pattern starts at module j (all seven checked at
            // once, bit-parallel); only starts with room for all seven.
            let light = !line;
            let starts = line
                & light >> 1
                & line >> 2
                & line >> 3
                & line >> 4
                & light >> 5
                & line >> 6
                & (full >> 6);
            let mut starts = starts;
            while starts != 0 {
                let j = starts.trailing_zeros() as usize;
                starts &= starts - 1;
                let before = j.min(4);
                let dark_before = line >> (j - before) & ((1u64 << before) - 1) != 0;
                let after = (width - (j + 7)).min(4);
                let dark_after = line >> (j + 7) & ((1u64 << after) - 1) != 0;
                if !dark_before || !dark_after {
                    finder = finder.wrapping_add(40);
                }
            }
        }
        total = total.wrapping_add(finder.wrapping_sub(360));
    }
    // Rule 4: the share of dark modules away from one half.
    let dark: usize = grid.rows.iter().map(|r| r.count_ones() as usize).sum();
    let ratio = dark * 200 / (width * width).max(1);
    let balance = ratio.abs_diff(100);
    total.wrapping_add(balance as u16)
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_svg_without_declaration() {
        let svg = svg("https://example.org/notices/3栋停水/", "二维码 <x>").unwrap();
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"二维码 &lt;x&gt;\""));
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("<?xml"));
        // Same input, same drawing.
        assert_eq!(
            svg,
            super::svg("https://example.org/notices/3栋停水/", "二维码 <x>").unwrap()
        );
    }

    /// The crate's own way, as it was used before.
    fn by_the_crate(text: &str) -> Option<String> {
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
        Some(
            code.render::<svg::Color>()
                .min_dimensions(132, 132)
                .quiet_zone(true)
                .build(),
        )
    }

    #[test]
    fn same_drawing_as_the_crate() {
        let mut texts: Vec<String> = vec![
            "https://example.org/".into(),
            "https://cuihu.example.org/notices/3%E6%A0%8B%E5%81%9C%E6%B0%B4/".into(),
            "x".into(),
            "HELLO WORLD 123".into(),
            "0123456789".repeat(8),
        ];
        for n in 0..300 {
            texts.push(format!(
                "https://cuihu.example.org/sub/path/notices/2026-{:02}-{:02}-{n:05}/",
                n % 12 + 1,
                n % 28 + 1
            ));
        }
        // Every size up to 64 modules a side, and past it (drawn by the
        // crate itself).
        for n in (1..400).step_by(7) {
            texts.push(format!("https://example.org/{}", "a%E5".repeat(n / 4 + 1)));
            texts.push("0123456789".repeat(n / 10 + 1));
        }
        for text in &texts {
            assert_eq!(draw(text.as_bytes()), by_the_crate(text), "{text}");
        }
    }

    #[test]
    fn too_long_is_none() {
        assert!(svg(&"x".repeat(5000), "").is_none());
    }
}
