//! `#[derived_signals]` on `impl ObjectImpl for T` (or an interface's `ObjectInterface`): adds `fn signals()` returning
//! `T::derived_signals()`, as glib-macros' `#[derived_properties]` adds `properties()`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::spanned::Spanned;

pub(crate) fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    if !attr.is_empty() {
        return Err(syn::Error::new(
            attr.span(),
            "derived_signals takes no arguments",
        ));
    }
    let mut input: syn::ItemImpl = syn::parse2(item)?;
    let is_object_impl = input
        .trait_
        .as_ref()
        .and_then(|(_, path, _)| path.segments.last())
        .is_some_and(|segment| segment.ident == "ObjectImpl" || segment.ident == "ObjectInterface");
    if !is_object_impl {
        return Err(syn::Error::new(
            input.self_ty.span(),
            "derived_signals goes on `impl ObjectImpl for T`, or `impl ObjectInterface for T`",
        ));
    }
    if let Some(existing) = input.items.iter().find_map(|item| match item {
        syn::ImplItem::Fn(f) if f.sig.ident == "signals" => Some(f),
        _ => None,
    }) {
        return Err(syn::Error::new(
            existing.sig.ident.span(),
            "`signals` is filled by derived_signals: remove this one, or the attribute",
        ));
    }
    let krate = quote!(::glib_signal_stream::__macro);
    input.items.push(syn::parse_quote! {
        fn signals() -> &'static [#krate::glib::subclass::Signal] {
            Self::derived_signals()
        }
    });
    Ok(quote!(#input))
}
