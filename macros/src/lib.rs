//! The signals declaration macros of `glib-signal-stream`; use them through its re-exports,
//! `glib_signal_stream::signals` and `glib_signal_stream::derived_signals`, which document
//! them.

mod derived_signals;
mod signals;

use proc_macro::TokenStream;

/// Declares the signals of a GObject subclass on its implementation type's `impl` block and
/// generates their typed API. Documented at `glib_signal_stream::signals`.
#[proc_macro_attribute]
pub fn signals(attr: TokenStream, item: TokenStream) -> TokenStream {
    signals::expand(attr.into(), item.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// Fills `ObjectImpl::signals()` with the signals declared by `#[signals]`. Documented at
/// `glib_signal_stream::derived_signals`.
#[proc_macro_attribute]
pub fn derived_signals(attr: TokenStream, item: TokenStream) -> TokenStream {
    derived_signals::expand(attr.into(), item.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
