//! A drawing surface that lets plotters' SVG backend draw every shape and
//! label, then turns its output into an accessible, responsive SVG.
//!
//! Plotters works in integer pixels and writes a fixed `width`/`height`, one
//! `font-family` name and no `<title>`, `<desc>`, dash patterns or data
//! attributes. So shapes are recorded here in px, drawn by plotters at ten
//! units per px (0.1 px precision, integer coordinates, hence deterministic),
//! and each element plotters writes is then rewritten: the root gets a
//! `viewBox` without fixed size, `role="img"`, `<title>`, `<desc>` and a
//! CJK-capable font list; elements get the extra attributes recorded with
//! them (`data-value`, `stroke-dasharray`, pattern fills, halos).

use super::palette::Rgb;
use super::text;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Drawing units per px: coordinates are kept to 0.1 px.
pub const UNIT: f64 = 10.0;

/// System fonts that cover Chinese on Apple, Windows, Linux and Android,
/// then the generic family. No web font is ever downloaded.
pub const FONT_FAMILY: &str = "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', sans-serif";

/// Where a label's x position sits on the label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// The estimated box a label covers, in px.
#[derive(Debug, Clone, PartialEq)]
pub struct TextBox {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
}

/// Extra attributes written on an element (replacing plotters' own of the
/// same name).
pub type Attrs = Vec<(&'static str, String)>;

#[derive(Debug, Clone)]
enum Prim {
    /// Markup written as is (group tags, pattern definitions).
    Markup(String),
    Path {
        points: Vec<(f64, f64)>,
        color: Rgb,
        width: f64,
        attrs: Attrs,
    },
    Rect {
        from: (f64, f64),
        to: (f64, f64),
        fill: Rgb,
        attrs: Attrs,
    },
    Circle {
        center: (f64, f64),
        radius: f64,
        fill: Rgb,
        attrs: Attrs,
    },
    Polygon {
        points: Vec<(f64, f64)>,
        fill: Rgb,
        attrs: Attrs,
    },
    Text {
        at: (f64, f64),
        text: String,
        size: f64,
        color: Rgb,
        anchor: Anchor,
        bold: bool,
        attrs: Attrs,
    },
}

/// Shapes and labels of one chart, in px, in drawing order.
#[derive(Debug, Clone, Default)]
pub struct Canvas {
    pub width: f64,
    pub height: f64,
    prims: Vec<Prim>,
    /// Every label drawn, for layout checks.
    pub texts: Vec<TextBox>,
}

/// What the root `<svg>` element says about the chart.
pub struct Root<'a> {
    /// Unique on a page: used for element ids.
    pub uid: &'a str,
    pub chart_id: &'a str,
    pub lang: &'a str,
    pub title: &'a str,
    pub desc: &'a str,
}

impl Canvas {
    pub fn new(width: f64) -> Canvas {
        Canvas {
            width,
            ..Canvas::default()
        }
    }

    pub fn markup(&mut self, markup: impl Into<String>) {
        self.prims.push(Prim::Markup(markup.into()));
    }

    /// Opens `<g>` with the given attributes; close it with [`Canvas::end_group`].
    pub fn group(&mut self, attrs: &[(&str, &str)]) {
        let mut tag = String::from("<g");
        for (name, value) in attrs {
            tag.push_str(&format!(" {name}=\"{}\"", escape(value)));
        }
        tag.push('>');
        self.markup(tag);
    }

    pub fn end_group(&mut self) {
        self.markup("</g>");
    }

    pub fn path(&mut self, points: Vec<(f64, f64)>, color: Rgb, width: f64, attrs: Attrs) {
        self.prims.push(Prim::Path {
            points,
            color,
            width,
            attrs,
        });
    }

    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), color: Rgb, width: f64, attrs: Attrs) {
        self.path(vec![from, to], color, width, attrs);
    }

    pub fn rect(&mut self, from: (f64, f64), to: (f64, f64), fill: Rgb, attrs: Attrs) {
        self.prims.push(Prim::Rect {
            from,
            to,
            fill,
            attrs,
        });
    }

    pub fn circle(&mut self, center: (f64, f64), radius: f64, fill: Rgb, attrs: Attrs) {
        self.prims.push(Prim::Circle {
            center,
            radius,
            fill,
            attrs,
        });
    }

    pub fn polygon(&mut self, points: Vec<(f64, f64)>, fill: Rgb, attrs: Attrs) {
        self.prims.push(Prim::Polygon {
            points,
            fill,
            attrs,
        });
    }

    /// A one-line label whose baseline is at `at.1`.
    #[allow(clippy::too_many_arguments)]
    pub fn text(
        &mut self,
        at: (f64, f64),
        label: &str,
        size: f64,
        color: Rgb,
        anchor: Anchor,
        bold: bool,
        attrs: Attrs,
    ) {
        self.texts.push(text_box(at, label, size, anchor, bold));
        self.prims.push(Prim::Text {
            at,
            text: label.to_string(),
            size,
            color,
            anchor,
            bold,
            attrs,
        });
    }

    /// Draws everything with plotters and returns the finished `<svg>`.
    pub fn render(&self, root: &Root) -> Result<String, String> {
        let size = (to_units(self.width) as u32, to_units(self.height) as u32);
        let mut buf = String::new();
        {
            let area = SVGBackend::with_string(&mut buf, size).into_drawing_area();
            for prim in &self.prims {
                draw(&area, prim)?;
            }
            area.present().map_err(|e| e.to_string())?;
        }
        let elements = split_elements(&buf);
        let drawn = self
            .prims
            .iter()
            .filter(|p| !matches!(p, Prim::Markup(_)))
            .count();
        if elements.len() != drawn {
            return Err(format!(
                "plotters wrote {} elements for {drawn} shapes",
                elements.len()
            ));
        }

        let mut out = String::new();
        out.push_str(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-labelledby=\"{uid}-title {uid}-desc\" class=\"wuye-chart\" data-chart=\"{}\" lang=\"{}\" font-family=\"{}\" style=\"display:block;width:100%;height:auto;max-width:36em\">\n",
            size.0,
            size.1,
            escape(root.chart_id),
            escape(root.lang),
            escape(FONT_FAMILY),
            uid = escape(root.uid),
        ));
        out.push_str(&format!(
            "<title id=\"{}-title\">{}</title>\n<desc id=\"{}-desc\">{}</desc>\n",
            escape(root.uid),
            escape(root.title),
            escape(root.uid),
            escape(root.desc)
        ));
        out.push_str(&format!(
            "<rect width=\"{}\" height=\"{}\" fill=\"#FFFFFF\"/>\n",
            size.0, size.1
        ));
        let mut elements = elements.into_iter();
        for prim in &self.prims {
            match prim {
                Prim::Markup(markup) => {
                    out.push_str(markup);
                    out.push('\n');
                }
                Prim::Path { attrs, .. }
                | Prim::Rect { attrs, .. }
                | Prim::Circle { attrs, .. }
                | Prim::Polygon { attrs, .. } => {
                    let element = elements.next().unwrap_or_default();
                    out.push_str(&rewrite(&element, attrs, None));
                    out.push('\n');
                }
                Prim::Text { attrs, size, .. } => {
                    let element = elements.next().unwrap_or_default();
                    out.push_str(&rewrite(&element, attrs, Some(*size)));
                    out.push('\n');
                }
            }
        }
        out.push_str("</svg>");
        Ok(out)
    }
}

/// The box a label covers: CJK glyphs rise about 0.88 em above the
/// baseline and descenders reach about 0.22 em below it.
fn text_box(at: (f64, f64), label: &str, size: f64, anchor: Anchor, bold: bool) -> TextBox {
    let w = text::width(label, size) * if bold { 1.05 } else { 1.0 };
    let x0 = match anchor {
        Anchor::Start => at.0,
        Anchor::Middle => at.0 - w / 2.0,
        Anchor::End => at.0 - w,
    };
    TextBox {
        text: label.to_string(),
        x0,
        x1: x0 + w,
        y0: at.1 - 0.88 * size,
        y1: at.1 + 0.22 * size,
    }
}

fn to_units(px: f64) -> i32 {
    (px * UNIT).round() as i32
}

fn units(p: (f64, f64)) -> (i32, i32) {
    (to_units(p.0), to_units(p.1))
}

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn draw(area: &Area, prim: &Prim) -> Result<(), String> {
    match prim {
        Prim::Markup(_) => Ok(()),
        Prim::Path {
            points,
            color: c,
            width,
            ..
        } => {
            let style = color(*c).stroke_width(to_units(*width).max(1) as u32);
            let points: Vec<(i32, i32)> = points.iter().map(|p| units(*p)).collect();
            area.draw(&PathElement::new(points, style))
        }
        Prim::Rect { from, to, fill, .. } => area.draw(&Rectangle::new(
            [units(*from), units(*to)],
            color(*fill).filled(),
        )),
        Prim::Circle {
            center,
            radius,
            fill,
            ..
        } => area.draw(&Circle::new(
            units(*center),
            to_units(*radius).max(1),
            color(*fill).filled(),
        )),
        Prim::Polygon { points, fill, .. } => {
            let points: Vec<(i32, i32)> = points.iter().map(|p| units(*p)).collect();
            area.draw(&Polygon::new(points, color(*fill).filled()))
        }
        Prim::Text {
            at,
            text,
            size,
            color: c,
            anchor,
            bold,
            ..
        } => {
            let font_size = f64::from(to_units(*size));
            let font = if *bold {
                ("sans-serif", font_size, FontStyle::Bold).into_font()
            } else {
                ("sans-serif", font_size).into_font()
            };
            let h = match anchor {
                Anchor::Start => HPos::Left,
                Anchor::Middle => HPos::Center,
                Anchor::End => HPos::Right,
            };
            let rgb = color(*c);
            let style = TextStyle::from(font)
                .color(&rgb)
                .pos(Pos::new(h, VPos::Top));
            area.draw(&Text::new(text.as_str(), units(*at), style))
        }
    }
    .map_err(|e| e.to_string())
}

/// Splits plotters' SVG into its top-level elements (without the root).
/// Plotters writes one element per line, except `<text>`, whose content
/// and closing tag follow on two more lines.
fn split_elements(svg: &str) -> Vec<String> {
    let mut elements = Vec::new();
    let mut lines = svg.lines();
    while let Some(line) = lines.next() {
        if line.starts_with("<svg") || line.starts_with("</svg") || line.trim().is_empty() {
            continue;
        }
        if line.starts_with("<text") {
            let content = lines.next().unwrap_or_default();
            let _closing = lines.next();
            elements.push(format!("{line}{content}</text>"));
        } else {
            elements.push(line.to_string());
        }
    }
    elements
}

/// Rewrites one of plotters' elements: drops what the root already says
/// (font family, full opacity), sets the font size in drawing units,
/// replaces `dy` (labels are placed by their baseline) and adds `extra`.
fn rewrite(element: &str, extra: &Attrs, text_size: Option<f64>) -> String {
    let Some((tag, mut attrs, content)) = parse_element(element) else {
        return String::new();
    };
    attrs.retain(|(name, value)| {
        let redundant = name == "font-family" || name == "font-size" || name == "dy";
        let opaque = name == "opacity" && value == "1";
        !(redundant || opaque)
    });
    if let Some(size) = text_size {
        attrs.push(("font-size".into(), to_units(size).to_string()));
    }
    for (name, value) in extra {
        let value = escape(value);
        match attrs.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => attrs.push(((*name).to_string(), value)),
        }
    }
    let mut out = format!("<{tag}");
    for (name, value) in &attrs {
        out.push_str(&format!(" {name}=\"{value}\""));
    }
    match content {
        Some(content) => out.push_str(&format!(">{}</{tag}>", content.trim())),
        None => out.push_str("/>"),
    }
    out
}

type Parsed = (String, Vec<(String, String)>, Option<String>);

/// Reads `<tag a="v" …/>` or `<tag a="v" …>content</tag>` as plotters
/// writes them (values already escaped, so they hold no `"`).
fn parse_element(element: &str) -> Option<Parsed> {
    let rest = element.strip_prefix('<')?;
    let name_end = rest.find([' ', '/', '>'])?;
    let tag = rest[..name_end].to_string();
    let mut rest = &rest[name_end..];
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("/>") {
            let _ = after;
            return Some((tag, attrs, None));
        }
        if let Some(after) = rest.strip_prefix('>') {
            let close = format!("</{tag}>");
            let content = after.strip_suffix(close.as_str())?;
            return Some((tag, attrs, Some(content.to_string())));
        }
        let eq = rest.find("=\"")?;
        let name = rest[..eq].trim().to_string();
        let after = &rest[eq + 2..];
        let end = after.find('"')?;
        attrs.push((name, after[..end].to_string()));
        rest = &after[end + 1..];
    }
}

/// Escapes text for an attribute value or element content.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::palette::{BLUE, INK};

    fn root() -> Root<'static> {
        Root {
            uid: "wuye-chart-t",
            chart_id: "t",
            lang: "zh-CN",
            title: "标题 <1>",
            desc: "说明",
        }
    }

    #[test]
    fn plotters_output_becomes_a_responsive_accessible_svg() {
        let mut canvas = Canvas::new(100.0);
        canvas.height = 50.0;
        canvas.line(
            (0.0, 0.0),
            (10.25, 20.0),
            BLUE,
            1.5,
            vec![("stroke-dasharray", "40 30".into())],
        );
        canvas.text((5.0, 20.0), "3月", 11.0, INK, Anchor::Middle, false, vec![]);
        canvas.circle((4.0, 4.0), 3.0, BLUE, vec![("data-value", "0.5".into())]);
        let svg = canvas.render(&root()).unwrap();
        assert!(
            svg.starts_with(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 500\" role=\"img\""
            ),
            "{svg}"
        );
        let root_tag = svg.lines().next().unwrap();
        assert!(!root_tag.contains(" width=") && !root_tag.contains(" height="));
        assert!(svg.contains("<title id=\"wuye-chart-t-title\">标题 &lt;1&gt;</title>"));
        assert!(svg.contains("<desc id=\"wuye-chart-t-desc\">说明</desc>"));
        assert!(svg.contains("'Noto Sans CJK SC'"));
        assert!(svg.contains("points=\"0,0 103,200 \""), "{svg}");
        assert!(svg.contains("stroke-dasharray=\"40 30\""));
        assert!(svg.contains("font-size=\"110\""));
        assert!(svg.contains(">3月</text>"));
        assert!(!svg.contains("dy="));
        assert!(!svg.contains("font-family=\"sans-serif\""));
        assert!(svg.contains("cx=\"40\" cy=\"40\" r=\"30\""));
        assert!(svg.contains("data-value=\"0.5\""));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn text_boxes_follow_the_anchor() {
        let b = text_box((100.0, 50.0), "满意", 10.0, Anchor::End, false);
        assert_eq!((b.x0, b.x1), (80.0, 100.0));
        let b = text_box((100.0, 50.0), "满意", 10.0, Anchor::Middle, false);
        assert_eq!((b.x0, b.x1), (90.0, 110.0));
        assert!(b.y0 < 50.0 && b.y1 > 50.0);
    }
}
