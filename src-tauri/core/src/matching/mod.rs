//! Matching text people write against what the app knows: network names from form
//! exports against the register, and needs against other networks' strengths.

pub mod networks;
pub mod statements;
