//! The places of the objects an entry writes, found without writing it.
//!
//! The shape check's filter (`shape_problem` in the parent module) needs
//! the place of every object of the entry as serde_json writes it (the
//! nearest key above it and the number of arrays between that key and
//! it, as `place_signatures` reads them from JSON text). Writing the entry
//! and reading the text back gives them, at the cost of escaping and
//! copying every string; [`object_places`] walks the entry with a
//! serializer that writes nothing and notes where serde_json would open an
//! object. For a value whose written form it does not model (a map, raw
//! JSON kept as read, a key that would be written with an escape) it gives
//! `None`, and the caller writes the entry and reads the places from the
//! text as before, so the answer is always the one the text gives.

use serde::ser::{self, Serialize};

use super::Place;

/// A value whose written form is not modelled here.
#[derive(Debug)]
pub(super) struct Unmodelled;

impl std::fmt::Display for Unmodelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a value whose JSON form is not modelled by the place walk")
    }
}

impl std::error::Error for Unmodelled {}

impl ser::Error for Unmodelled {
    fn custom<T: std::fmt::Display>(_msg: T) -> Unmodelled {
        Unmodelled
    }
}

/// The name serde_json gives the struct of a `RawValue` (written as the
/// raw text it holds, not as an object).
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// The places (as `place_signatures(&serde_json::to_vec(value)?, b'{')`
/// gives them, in the same order) of the objects serde_json writes for
/// `value`, or `None` where the walk does not model the written form.
pub(super) fn object_places<T: Serialize + ?Sized>(value: &T) -> Option<Vec<Place<'static>>> {
    let mut walk = Walk {
        out: Vec::new(),
        stack: Vec::new(),
    };
    value.serialize(&mut walk).ok()?;
    Some(walk.out)
}

/// An object being written, with the key of the value being written in
/// it, or an array.
enum Frame {
    Object(Option<&'static str>),
    Array,
}

struct Walk {
    out: Vec<Place<'static>>,
    stack: Vec<Frame>,
}

impl Walk {
    /// An object opens here: its place is noted (once), then it is entered.
    fn open_object(&mut self) {
        let mut arrays = 0;
        let mut key = None;
        for f in self.stack.iter().rev() {
            match f {
                Frame::Array => arrays += 1,
                Frame::Object(k) => {
                    key = k.map(str::as_bytes);
                    break;
                }
            }
        }
        // The objects of an array share a place: the last one noted is
        // looked at first.
        if self.out.last() != Some(&(key, arrays)) && !self.out.contains(&(key, arrays)) {
            self.out.push((key, arrays));
        }
        self.stack.push(Frame::Object(None));
    }

    fn open_array(&mut self) {
        self.stack.push(Frame::Array);
    }

    fn close(&mut self) {
        self.stack.pop();
    }

    /// The key of the next value of the object being written. A key
    /// serde_json would write with an escape (a quote, a backslash, a
    /// control character) is not modelled: `place_signatures` gives no
    /// places for such text.
    fn key(&mut self, key: &'static str) -> Result<(), Unmodelled> {
        if key.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
            return Err(Unmodelled);
        }
        match self.stack.last_mut() {
            Some(Frame::Object(k)) => {
                *k = Some(key);
                Ok(())
            }
            _ => Err(Unmodelled),
        }
    }
}

impl ser::Serializer for &mut Walk {
    type Ok = ();
    type Error = Unmodelled;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = ser::Impossible<(), Unmodelled>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, _v: bool) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_i8(self, _v: i8) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_i16(self, _v: i16) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_i32(self, _v: i32) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_i64(self, _v: i64) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_i128(self, _v: i128) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_u8(self, _v: u8) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_u16(self, _v: u16) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_u32(self, _v: u32) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_u64(self, _v: u64) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_u128(self, _v: u128) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_f32(self, _v: f32) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_f64(self, _v: f64) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_char(self, _v: char) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_str(self, _v: &str) -> Result<(), Unmodelled> {
        Ok(())
    }
    /// serde_json writes bytes as an array of numbers: no object.
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unmodelled> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Unmodelled> {
        Ok(())
    }
    /// Written as a string.
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
    ) -> Result<(), Unmodelled> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Unmodelled> {
        value.serialize(self)
    }
    /// Written as `{"variant":value}`.
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Unmodelled> {
        self.open_object();
        self.key(variant)?;
        value.serialize(&mut *self)?;
        self.close();
        Ok(())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Unmodelled> {
        self.open_array();
        Ok(self)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self, Unmodelled> {
        self.open_array();
        Ok(self)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self, Unmodelled> {
        self.open_array();
        Ok(self)
    }
    /// Written as `{"variant":[…]}`.
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Unmodelled> {
        self.open_object();
        self.key(variant)?;
        self.open_array();
        Ok(self)
    }
    /// No entry has a map; its keys are not modelled.
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Unmodelled> {
        Err(Unmodelled)
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Self, Unmodelled> {
        if name == RAW_VALUE_TOKEN {
            // Written as the text it holds.
            return Err(Unmodelled);
        }
        self.open_object();
        Ok(self)
    }
    /// Written as `{"variant":{…}}`.
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, Unmodelled> {
        self.open_object();
        self.key(variant)?;
        self.open_object();
        Ok(self)
    }
}

impl ser::SerializeSeq for &mut Walk {
    type Ok = ();
    type Error = Unmodelled;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unmodelled> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Unmodelled> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTuple for &mut Walk {
    type Ok = ();
    type Error = Unmodelled;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unmodelled> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Unmodelled> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTupleStruct for &mut Walk {
    type Ok = ();
    type Error = Unmodelled;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unmodelled> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Unmodelled> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeTupleVariant for &mut Walk {
    type Ok = ();
    type Error = Unmodelled;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unmodelled> {
        value.serialize(&mut **self)
    }
    /// The array, then the object around it.
    fn end(self) -> Result<(), Unmodelled> {
        self.close();
        self.close();
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Walk {
    type Ok = ();
    type Error = Unmodelled;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unmodelled> {
        self.key(key)?;
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Unmodelled> {
        self.close();
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Walk {
    type Ok = ();
    type Error = Unmodelled;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unmodelled> {
        self.key(key)?;
        value.serialize(&mut **self)
    }
    /// The inner object, then the one around it.
    fn end(self) -> Result<(), Unmodelled> {
        self.close();
        self.close();
        Ok(())
    }
}
