//! Inter-rater agreement statistics on a generic ratings matrix.
