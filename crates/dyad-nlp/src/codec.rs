//! Little-endian binary encoding of the model file.

use crate::Error;

/// Writes values little-endian into a byte vector.
#[derive(Default)]
pub(crate) struct Encoder {
    bytes: Vec<u8>,
}

impl Encoder {
    pub(crate) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    pub(crate) fn u32(&mut self, x: u32) {
        self.bytes.extend_from_slice(&x.to_le_bytes());
    }

    pub(crate) fn u64(&mut self, x: u64) {
        self.bytes.extend_from_slice(&x.to_le_bytes());
    }

    /// LEB128: seven bits a byte, low first.
    pub(crate) fn varint(&mut self, mut x: u64) {
        while x >= 0x80 {
            self.bytes.push(x as u8 | 0x80);
            x >>= 7;
        }
        self.bytes.push(x as u8);
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.bytes.extend_from_slice(s.as_bytes());
    }

    pub(crate) fn strs(&mut self, xs: &[String]) {
        self.u32(xs.len() as u32);
        for x in xs {
            self.str(x);
        }
    }

    pub(crate) fn u16s(&mut self, xs: &[u16]) {
        self.u32(xs.len() as u32);
        for x in xs {
            self.bytes.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub(crate) fn f32s(&mut self, xs: &[f32]) {
        self.u32(xs.len() as u32);
        for x in xs {
            self.bytes.extend_from_slice(&x.to_le_bytes());
        }
    }

    pub(crate) fn u32s(&mut self, xs: &[u32]) {
        self.u32(xs.len() as u32);
        for x in xs {
            self.bytes.extend_from_slice(&x.to_le_bytes());
        }
    }
}

/// Reads values written by [`Encoder`], failing cleanly on short input.
pub(crate) struct Decoder<'a> {
    bytes: &'a [u8],
    /// Format version of the model file.
    pub(crate) version: u32,
}

impl<'a> Decoder<'a> {
    pub(crate) fn new(bytes: &'a [u8], version: u32) -> Decoder<'a> {
        Decoder { bytes, version }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
        if self.bytes.len() < n {
            return Err(Error::corrupt("unexpected end of model data"));
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Ok(head)
    }

    fn len(&mut self, item_size: usize) -> Result<usize, Error> {
        let n = self.u32()? as usize;
        if n.saturating_mul(item_size) > self.bytes.len() {
            return Err(Error::corrupt("array longer than the model data"));
        }
        Ok(n)
    }

    pub(crate) fn u32(&mut self) -> Result<u32, Error> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Bytes left.
    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len()
    }

    pub(crate) fn u64(&mut self) -> Result<u64, Error> {
        let b = self.take(8)?;
        let mut x = [0u8; 8];
        x.copy_from_slice(b);
        Ok(u64::from_le_bytes(x))
    }

    pub(crate) fn varint(&mut self) -> Result<u64, Error> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            x |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Ok(x);
            }
        }
        Err(Error::corrupt("bad varint"))
    }

    pub(crate) fn str(&mut self) -> Result<String, Error> {
        let n = self.len(1)?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| Error::corrupt("string is not UTF-8"))
    }

    pub(crate) fn strs(&mut self) -> Result<Vec<String>, Error> {
        let n = self.len(4)?;
        (0..n).map(|_| self.str()).collect()
    }

    pub(crate) fn u16s(&mut self) -> Result<Vec<u16>, Error> {
        let n = self.len(2)?;
        let b = self.take(n * 2)?;
        Ok(b.chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect())
    }

    /// Version 1 weight tables: every slot, two words each.
    pub(crate) fn u64_pairs(&mut self) -> Result<Vec<[u64; 2]>, Error> {
        let n = self.len(8)?;
        if n % 2 != 0 {
            return Err(Error::corrupt("odd slot table"));
        }
        let b = self.take(n * 8)?;
        Ok(b.chunks_exact(16)
            .map(|c| {
                let mut x = [0u8; 8];
                let mut y = [0u8; 8];
                x.copy_from_slice(&c[..8]);
                y.copy_from_slice(&c[8..]);
                [u64::from_le_bytes(x), u64::from_le_bytes(y)]
            })
            .collect())
    }

    pub(crate) fn u32s(&mut self) -> Result<Vec<u32>, Error> {
        let n = self.len(4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
    pub(crate) fn f32s(&mut self) -> Result<Vec<f32>, Error> {
        let n = self.len(4)?;
        let b = self.take(n * 4)?;
        Ok(b.chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
}
