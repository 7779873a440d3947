//! Relative descriptions: a place given by its relation to a named anchor ("au nord de
//! Bagdad", "near Erbil", "20 km south of Tongo Tongo", "northern Iraq").
//!
//! The gazetteer never invents coordinates for them: the reading keeps the anchor's point,
//! admin1 and country, and says less about precision where the phrase says the place is
//! not the anchor itself.

use std::fmt;

use serde::Serialize;
use sitrep_model::Precision;

/// How a described place relates to its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// Near the anchor: "près de Kirkouk", "near Tongo Tongo", "dans les environs de".
    Near,
    /// Just outside it, on its edge: "à l'extérieur d'Erbil", "on the outskirts of Kabul".
    Outside,
    /// Away from it in a direction or at a distance: "au nord de Bagdad",
    /// "85 km south of Tongo Tongo", "à 20 km de Gao".
    Toward,
    /// A part of it: "northern Iraq", "dans l'ouest d'Alep", "central Baghdad".
    Within,
}

/// A compass direction, or the centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// North.
    North,
    /// North-east.
    NorthEast,
    /// East.
    East,
    /// South-east.
    SouthEast,
    /// South.
    South,
    /// South-west.
    SouthWest,
    /// West.
    West,
    /// North-west.
    NorthWest,
    /// The centre (only with [`RelationKind::Within`]: "central Baghdad").
    Centre,
}

impl Direction {
    /// The direction's name as written in `phrases.toml` (`north_east`).
    pub(crate) fn from_name(name: &str) -> Option<Direction> {
        Some(match name {
            "north" => Direction::North,
            "north_east" => Direction::NorthEast,
            "east" => Direction::East,
            "south_east" => Direction::SouthEast,
            "south" => Direction::South,
            "south_west" => Direction::SouthWest,
            "west" => Direction::West,
            "north_west" => Direction::NorthWest,
            "centre" => Direction::Centre,
            _ => return None,
        })
    }

    fn noun(self) -> &'static str {
        match self {
            Direction::North => "north",
            Direction::NorthEast => "north-east",
            Direction::East => "east",
            Direction::SouthEast => "south-east",
            Direction::South => "south",
            Direction::SouthWest => "south-west",
            Direction::West => "west",
            Direction::NorthWest => "north-west",
            Direction::Centre => "centre",
        }
    }

    fn adjective(self) -> &'static str {
        match self {
            Direction::North => "northern",
            Direction::NorthEast => "north-eastern",
            Direction::East => "eastern",
            Direction::SouthEast => "south-eastern",
            Direction::South => "southern",
            Direction::SouthWest => "south-western",
            Direction::West => "western",
            Direction::NorthWest => "north-western",
            Direction::Centre => "central",
        }
    }
}

/// A described place's relation to its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Relation {
    /// Near, outside, toward or within.
    pub kind: RelationKind,
    /// The direction, when the phrase gives one.
    pub direction: Option<Direction>,
    /// The distance from the anchor in kilometres, when the phrase gives one.
    pub distance_km: Option<f64>,
}

/// Within this distance, "20 km from X" is read as near X rather than away from it.
const NEAR_KM: f64 = 10.0;

impl Relation {
    /// A relation without direction or distance.
    #[must_use]
    pub fn new(kind: RelationKind) -> Relation {
        Relation { kind, direction: None, distance_km: None }
    }

    /// The precision a place so described has, given its anchor's precision and whether
    /// the anchor lies in a known admin1 region.
    ///
    /// - `Within` keeps the anchor's precision: a part of a town is still that town.
    /// - `Near` and `Outside` are one step coarser: a site becomes its town, a town its
    ///   region (the point stays the anchor's, so a point-level comparison still holds);
    ///   a town outside any known region stays a town.
    /// - `Toward` says the place is away from the anchor: a site or town becomes its
    ///   region, and a region or country becomes the country. A short distance (10 km or
    ///   less) reads as `Near`.
    #[must_use]
    pub fn precision(&self, anchor: Precision, has_admin1: bool) -> Precision {
        let region = if has_admin1 { Precision::Admin1 } else { Precision::Country };
        let kind = match (self.kind, self.distance_km) {
            (RelationKind::Toward, Some(km)) if km <= NEAR_KM => RelationKind::Near,
            (kind, _) => kind,
        };
        match (kind, anchor) {
            (RelationKind::Within, anchor) => anchor,
            (RelationKind::Near | RelationKind::Outside, Precision::Site) => Precision::Town,
            (RelationKind::Near | RelationKind::Outside, Precision::Town) if has_admin1 => region,
            (RelationKind::Near | RelationKind::Outside, anchor) => anchor,
            (RelationKind::Toward, Precision::Site | Precision::Town) => region,
            (RelationKind::Toward, _) => Precision::Country,
        }
    }

    /// The place name for a described place: "north of Baghdad", "northern Iraq".
    #[must_use]
    pub fn describe(&self, anchor: &str) -> String {
        format!("{self} {anchor}")
    }
}

impl fmt::Display for Relation {
    /// English, as place names in the model are: "near", "outside", "north of",
    /// "20 km south of", "20 km from", "northern".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let distance = |f: &mut fmt::Formatter<'_>| match self.distance_km {
            Some(km) => write!(f, "{} km ", (km * 10.0).round() / 10.0),
            None => Ok(()),
        };
        match (self.kind, self.direction) {
            (RelationKind::Within, Some(direction)) => f.write_str(direction.adjective()),
            (RelationKind::Within, None) => f.write_str("in"),
            (RelationKind::Toward, Some(direction)) => {
                distance(f)?;
                write!(f, "{} of", direction.noun())
            }
            (RelationKind::Toward, None) => {
                distance(f)?;
                f.write_str("from")
            }
            (RelationKind::Near, _) => {
                distance(f)?;
                f.write_str("near")
            }
            (RelationKind::Outside, _) => {
                distance(f)?;
                f.write_str("outside")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toward(direction: Option<Direction>, km: Option<f64>) -> Relation {
        Relation { kind: RelationKind::Toward, direction, distance_km: km }
    }

    #[test]
    fn labels_read_as_english() {
        assert_eq!(toward(Some(Direction::North), None).describe("Baghdad"), "north of Baghdad");
        assert_eq!(toward(Some(Direction::South), Some(85.0)).to_string(), "85 km south of");
        assert_eq!(toward(None, Some(20.0)).to_string(), "20 km from");
        let within = Relation {
            direction: Some(Direction::NorthEast),
            ..Relation::new(RelationKind::Within)
        };
        assert_eq!(within.describe("Syria"), "north-eastern Syria");
        assert_eq!(Relation::new(RelationKind::Near).describe("Kirkuk"), "near Kirkuk");
    }

    #[test]
    fn precision_is_coarser_unless_within() {
        use Precision::{Admin1, Country, Site, Town};
        let near = Relation::new(RelationKind::Near);
        assert_eq!(near.precision(Site, true), Town);
        assert_eq!(near.precision(Town, true), Admin1);
        assert_eq!(near.precision(Town, false), Town);
        assert_eq!(toward(None, None).precision(Town, false), Country);
        assert_eq!(near.precision(Admin1, true), Admin1);
        let north = toward(Some(Direction::North), None);
        assert_eq!(north.precision(Site, true), Admin1);
        assert_eq!(north.precision(Admin1, true), Country);
        assert_eq!(toward(None, Some(5.0)).precision(Town, true), Admin1);
        assert_eq!(toward(None, Some(5.0)).precision(Site, true), Town);
        let within = Relation::new(RelationKind::Within);
        assert_eq!(within.precision(Town, true), Town);
        assert_eq!(within.precision(Country, false), Country);
    }
}
