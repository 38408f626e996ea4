//! Newtype ids, so a node id can never be passed where a reply id belongs.

use super::json::JsonKey;
use std::fmt;

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub String);

        crate::json_transparent!($name);

        impl JsonKey for $name {
            fn from_key(key: &str) -> Result<Self, String> {
                Ok($name::new(key))
            }
            fn key(&self) -> &str {
                &self.0
            }
        }

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A scenario's id: its file name without `.toml`.
    ScenarioId
);
id_type!(
    /// A node (customer turn or ending) inside one scenario.
    NodeId
);
id_type!(
    /// A reply inside one node.
    ReplyId
);
id_type!(
    /// A flag set by a reply, to remember earlier choices.
    Flag
);
