//! The one integration test binary: the sample against the published levels, the real CLI in
//! temporary directories, and the store.

mod util;

mod cli;
mod sample;
mod store;
