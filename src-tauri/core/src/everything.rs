//! The whole database as one versioned JSON document, and back into an empty database:
//! for moving to a new machine, or for an audit.
