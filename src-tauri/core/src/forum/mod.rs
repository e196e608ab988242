//! The forum's own work: meetings planned and held, their agendas (items, slots, notes,
//! outcomes, proposals) and the actions agreed at them, carried forward until closed.

pub mod actions;
pub mod agenda;
pub mod meetings;
pub mod series;
