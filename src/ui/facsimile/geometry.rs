//! Where a point of a page (fractions of its width and height, top down) is drawn on the
//! screen, for a page turned by quarter turns, and back.

/// A page drawn in `rect`, turned `quarter_turns` clockwise.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    /// Where the (turned) page is drawn.
    pub rect: egui::Rect,
    /// Quarter turns clockwise, 0–3.
    pub quarter_turns: u8,
}

impl Placed {
    /// The screen point of a page point.
    pub fn to_screen(&self, x: f32, y: f32) -> egui::Pos2 {
        let (u, v) = match self.quarter_turns % 4 {
            0 => (x, y),
            1 => (1.0 - y, x),
            2 => (1.0 - x, 1.0 - y),
            _ => (y, 1.0 - x),
        };
        self.rect.min + egui::vec2(u * self.rect.width(), v * self.rect.height())
    }

    /// The page point (fractions) under a screen point.
    pub fn to_page(&self, p: egui::Pos2) -> (f32, f32) {
        let u = (p.x - self.rect.min.x) / self.rect.width().max(1.0);
        let v = (p.y - self.rect.min.y) / self.rect.height().max(1.0);
        match self.quarter_turns % 4 {
            0 => (u, v),
            1 => (v, 1.0 - u),
            2 => (1.0 - u, 1.0 - v),
            _ => (1.0 - v, u),
        }
    }

    /// The screen rectangle of a page rectangle `[x0, y0, x1, y1]`.
    pub fn rect_to_screen(&self, r: [f32; 4]) -> egui::Rect {
        egui::Rect::from_two_pos(self.to_screen(r[0], r[1]), self.to_screen(r[2], r[3]))
    }

    /// The texture coordinates of the drawn rectangle's corners (left top, right top, right
    /// bottom, left bottom): the page's corners that land there.
    pub fn uv_corners(&self) -> [egui::Pos2; 4] {
        let corners = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)];
        corners.map(|(u, v)| {
            let s = self.rect.min + egui::vec2(u * self.rect.width(), v * self.rect.height());
            let (x, y) = self.to_page(s);
            egui::pos2(x, y)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_goes_to_the_screen_and_back_at_every_turn() {
        let rect = egui::Rect::from_min_size(egui::pos2(10.0, 20.0), egui::vec2(300.0, 400.0));
        for quarter_turns in 0..4 {
            let placed = Placed {
                rect,
                quarter_turns,
            };
            let s = placed.to_screen(0.25, 0.1);
            let (x, y) = placed.to_page(s);
            assert!(
                (x - 0.25).abs() < 1e-4 && (y - 0.1).abs() < 1e-4,
                "{quarter_turns}"
            );
        }
        // A quarter turn clockwise: the page's top left corner goes to the top right.
        let placed = Placed {
            rect,
            quarter_turns: 1,
        };
        assert_eq!(placed.to_screen(0.0, 0.0), egui::pos2(310.0, 20.0));
        assert_eq!(placed.uv_corners()[1], egui::pos2(0.0, 0.0));
    }
}
