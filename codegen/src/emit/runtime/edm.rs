//! Edm primitive types that are strings on the wire.
//!
//! Each is a newtype over the exact wire text, so values such as
//! `2017-01-01T00:00:35.1329464-08:00` (seven fractional digits) round-trip
//! byte for byte. Parse them with the date/time or UUID crate of your choice.
//!
//! This file is copied verbatim from graph-docgen's templates.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

macro_rules! edm_string {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(pub String);

        impl $name {
            /// The wire text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map($name)
            }
        }

        impl crate::support::Wire for $name {
            fn read<'de>(
                reader: &mut dyn crate::support::ValueReader<'de>,
            ) -> Result<Option<Self>, crate::support::Stop> {
                Ok(reader.string()?.map($name))
            }

            fn write(&self, writer: &mut dyn crate::support::ValueWriter) -> Result<(), crate::support::Stop> {
                writer.string(&self.0)
            }
        }
    };
}

edm_string! {
    /// `Edm.DateTimeOffset`: an ISO 8601 date and time with offset (`2017-01-01T00:00:35.1329464-08:00`).
    DateTimeOffset
}
edm_string! {
    /// `Edm.Date`: an ISO 8601 date (`2017-01-01`).
    Date
}
edm_string! {
    /// `Edm.TimeOfDay`: a time of day (`12:34:56.789`).
    TimeOfDay
}
edm_string! {
    /// `Edm.Duration`: an ISO 8601 duration (`PT1H30M`).
    Duration
}
edm_string! {
    /// `Edm.Guid`: a GUID (`5b7b3a0d-4c2b-4f3b-9b33-0d0e0f6a6c1d`).
    Guid
}
edm_string! {
    /// `Edm.Binary`: binary data, base64 on the wire.
    Binary
}
edm_string! {
    /// `Edm.Stream`: stream content, as the text the service sends.
    Stream
}
