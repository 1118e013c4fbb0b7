//! QR codes for the printed notices, drawn at build time as inline SVG.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// An `<svg>` element (no XML declaration, so it can sit inside HTML)
/// encoding `text`, with a title for screen readers. `None` when the text
/// is too long for a QR code.
pub fn svg(text: &str, label: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let image = code
        .render::<svg::Color>()
        .min_dimensions(132, 132)
        .quiet_zone(true)
        .build();
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

    #[test]
    fn too_long_is_none() {
        assert!(svg(&"x".repeat(5000), "").is_none());
    }
}
