//! `--shard I/N`: one of N disjoint parts of the input list, so N machines (a Kubernetes
//! Indexed Job, a Slurm array, ...) can each extract a part and `newsfacts merge` can
//! join the parts into the file a single run gives.
//!
//! Input: the position of a unit in the sorted input list. Output: whether this shard
//! takes it. Unit k goes to shard k mod N: the listing is sorted and the same on every
//! machine, so the shards are disjoint and cover everything, each unit is read by one
//! shard only (listing skips, it does not read), and the parts come out the same size
//! within one unit without counting the input first.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 0-based, as `JOB_COMPLETION_INDEX` and the usual `--array=0-N` of Slurm count.
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// Whether the unit at position `k` (0-based) of the input list is this shard's.
    pub fn takes(&self, k: usize) -> bool {
        k % self.count == self.index
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| format!("expected I/N (like 0/4), not \"{s}\""))?;
        let index: usize = i
            .trim()
            .parse()
            .map_err(|_| format!("shard index \"{i}\" is not a whole number"))?;
        let count: usize = n
            .trim()
            .parse()
            .map_err(|_| format!("shard count \"{n}\" is not a whole number"))?;
        if count == 0 {
            return Err("the shard count must be at least 1".into());
        }
        if index >= count {
            return Err(format!(
                "shard index {index} is out of range: shards of {count} are numbered 0 to {}",
                count - 1
            ));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_i_of_n() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { index: 2, count: 4 }));
        assert!("4/4".parse::<Shard>().unwrap_err().contains("0 to 3"));
        assert!("0/0".parse::<Shard>().is_err());
        assert!("1".parse::<Shard>().is_err());
        assert!("-1/3".parse::<Shard>().is_err());
    }

    #[test]
    fn shards_are_disjoint_and_cover_every_position() {
        for count in 1..6 {
            for k in 0..50 {
                let owners = (0..count)
                    .filter(|&index| Shard { index, count }.takes(k))
                    .count();
                assert_eq!(owners, 1, "unit {k} of {count} shards");
            }
        }
    }
}
