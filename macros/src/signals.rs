//! `#[signals(wrapper_type = ..)]` on the implementation type's `impl` block: each
//! `#[signal(..)]` function becomes a signal (a body is its class handler), and the block gains
//! `derived_signals()` and an extension trait `<Wrapper>SignalsExt` with the typed API.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use syn::{
    parse::{Parse, ParseStream},
    spanned::Spanned,
    Token,
};

/// `wrapper_type = path` (required), and `interface` for an interface's signals.
struct Args {
    wrapper: syn::Path,
    interface: bool,
}

impl Args {
    fn parse(attr: TokenStream) -> syn::Result<Self> {
        let mut wrapper = None;
        let mut interface = false;
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident("wrapper_type") {
                wrapper = Some(meta.value()?.parse::<syn::Path>()?);
                Ok(())
            } else if meta.path.is_ident("interface") {
                interface = true;
                Ok(())
            } else {
                Err(meta.error(
                    "unknown argument: signals takes `wrapper_type = path`, and `interface` \
                     on an interface's block",
                ))
            }
        });
        syn::parse::Parser::parse2(parser, attr.clone())?;
        let wrapper = wrapper.ok_or_else(|| {
            syn::Error::new(
                Span::call_site(),
                "signals needs the wrapper type: #[signals(wrapper_type = super::MyObject)]",
            )
        })?;
        Ok(Self { wrapper, interface })
    }
}

/// A function of the block: with a body (`syn` parses it) or without (`fn f(&self);`, which
/// `syn` leaves as verbatim tokens).
struct BodylessFn {
    attrs: Vec<syn::Attribute>,
    sig: syn::Signature,
}

impl Parse for BodylessFn {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(syn::Attribute::parse_outer)?;
        let _vis: syn::Visibility = input.parse()?;
        let sig: syn::Signature = input.parse()?;
        input.parse::<Token![;]>()?;
        Ok(Self { attrs, sig })
    }
}

/// The GLib flags and options of one `#[signal(..)]`.
#[derive(Default)]
struct Options {
    flags: Vec<syn::Ident>,
    name: Option<syn::LitStr>,
    accumulator: Option<syn::Expr>,
    detailed: bool,
}

const FLAGS: &[&str] = &[
    "run_first",
    "run_last",
    "run_cleanup",
    "no_recurse",
    "detailed",
    "action",
    "no_hooks",
    "must_collect",
    "deprecated",
];

impl Options {
    fn parse(attr: &syn::Attribute) -> syn::Result<Self> {
        let mut options = Options::default();
        if matches!(attr.meta, syn::Meta::Path(_)) {
            return Ok(options);
        }
        attr.parse_nested_meta(|meta| {
            let Some(ident) = meta.path.get_ident().cloned() else {
                return Err(meta.error("expected a signal flag or option"));
            };
            let key = ident.to_string();
            if key == "name" {
                options.name = Some(meta.value()?.parse()?);
            } else if key == "accumulator" {
                options.accumulator = Some(meta.value()?.parse()?);
            } else if FLAGS.contains(&key.as_str()) {
                options.detailed |= key == "detailed";
                options.flags.push(ident);
            } else {
                return Err(meta.error(format!(
                    "unknown signal flag `{key}`; expected one of {}, `name = \"..\"` or \
                     `accumulator = ..`",
                    FLAGS.join(", ")
                )));
            }
            Ok(())
        })?;
        Ok(options)
    }
}

/// How one parameter is written, stored and read.
struct Param {
    ident: syn::Ident,
    /// As written in the declaration: what `emit_` and handlers take.
    written: syn::Type,
    /// The owned type: the signal's GType, and the stream item's element.
    owned: syn::Type,
    /// What `Value::get` is asked for in a handler.
    read: syn::Type,
    /// Turns the value read (`v`) into the written form.
    pass: fn(TokenStream) -> TokenStream,
}

/// `&str` -> `String`, `&T` -> `T`, `Option<&str>` / `Option<&T>` likewise, `T` -> `T`.
fn param(ident: syn::Ident, ty: &syn::Type) -> syn::Result<Param> {
    fn is_str(ty: &syn::Type) -> bool {
        matches!(ty, syn::Type::Path(p) if p.path.is_ident("str"))
    }
    fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
        let syn::Type::Path(p) = ty else { return None };
        let last = p.path.segments.last()?;
        if last.ident != "Option" {
            return None;
        }
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
            return None;
        };
        match args.args.first()? {
            syn::GenericArgument::Type(inner) => Some(inner),
            _ => None,
        }
    }
    let written = ty.clone();
    let made = |owned: syn::Type, read: syn::Type, pass: fn(TokenStream) -> TokenStream| Param {
        ident: ident.clone(),
        written: written.clone(),
        owned,
        read,
        pass,
    };
    if let syn::Type::Reference(r) = ty {
        if r.mutability.is_some() {
            return Err(syn::Error::new(
                ty.span(),
                "a signal parameter cannot be `&mut`: take it by value or by `&`",
            ));
        }
        let inner = &*r.elem;
        return Ok(if is_str(inner) {
            made(
                syn::parse_quote!(::std::string::String),
                syn::parse_quote!(&str),
                |v| v,
            )
        } else {
            made(inner.clone(), inner.clone(), |v| quote!(&#v))
        });
    }
    if let Some(syn::Type::Reference(r)) = option_inner(ty) {
        let inner = &*r.elem;
        return Ok(if is_str(inner) {
            made(
                syn::parse_quote!(::std::option::Option<::std::string::String>),
                syn::parse_quote!(::std::option::Option<&str>),
                |v| v,
            )
        } else {
            made(
                syn::parse_quote!(::std::option::Option<#inner>),
                syn::parse_quote!(::std::option::Option<#inner>),
                |v| quote!(#v.as_ref()),
            )
        });
    }
    Ok(made(ty.clone(), ty.clone(), |v| v))
}

struct SignalDecl {
    ident: syn::Ident,
    name: String,
    options: Options,
    params: Vec<Param>,
    ret: Option<syn::Type>,
    /// The return type is `glib::Propagation`, which GLib carries as a `gboolean`.
    propagation: bool,
    has_class_handler: bool,
    span: Span,
}

impl SignalDecl {
    fn new(attr: &syn::Attribute, sig: &syn::Signature, has_body: bool) -> syn::Result<Self> {
        let options = Options::parse(attr)?;
        if let Some(generics) = sig.generics.lt_token {
            return Err(syn::Error::new(
                generics.span(),
                "a signal cannot be generic",
            ));
        }
        if let Some(asyncness) = sig.asyncness {
            return Err(syn::Error::new(
                asyncness.span(),
                "a signal's class handler cannot be async: it runs inside the emission",
            ));
        }
        let mut inputs = sig.inputs.iter();
        match inputs.next() {
            Some(syn::FnArg::Receiver(r)) if r.reference.is_some() && r.mutability.is_none() => {}
            _ => {
                return Err(syn::Error::new(
                    sig.ident.span(),
                    "a signal function takes `&self` first (the implementation of the emitter)",
                ))
            }
        }
        let params = inputs
            .enumerate()
            .map(|(i, input)| match input {
                syn::FnArg::Typed(t) => {
                    let ident = match &*t.pat {
                        syn::Pat::Ident(p) => p.ident.clone(),
                        _ => format_ident!("arg{i}"),
                    };
                    param(ident, &t.ty)
                }
                syn::FnArg::Receiver(r) => Err(syn::Error::new(r.span(), "unexpected `self`")),
            })
            .collect::<syn::Result<Vec<_>>>()?;
        let ret = match &sig.output {
            syn::ReturnType::Default => None,
            syn::ReturnType::Type(_, ty) => match &**ty {
                syn::Type::Tuple(t) if t.elems.is_empty() => None,
                ty => Some(ty.clone()),
            },
        };
        let propagation = ret.as_ref().is_some_and(|ty| {
            matches!(ty, syn::Type::Path(p)
                if p.path.segments.last().is_some_and(|s| s.ident == "Propagation"))
        });
        if let Some(accumulator) = &options.accumulator {
            check_accumulator(accumulator, ret.as_ref(), propagation, sig)?;
        }
        let name = match &options.name {
            Some(name) => {
                let value = name.value();
                let valid = value
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                    && value
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                if !valid {
                    return Err(syn::Error::new(
                        name.span(),
                        "a signal name starts with a letter and holds only letters, digits, \
                         `-` and `_`",
                    ));
                }
                value
            }
            None => sig
                .ident
                .to_string()
                .trim_start_matches("r#")
                .replace('_', "-"),
        };
        Ok(Self {
            ident: sig.ident.clone(),
            name,
            options,
            params,
            ret,
            propagation,
            has_class_handler: has_body,
            span: sig.ident.span(),
        })
    }
}

/// The accumulators this crate knows, against the return type they take: a mismatch is an
/// error on the user's line rather than an accumulator that silently never stops.
fn check_accumulator(
    accumulator: &syn::Expr,
    ret: Option<&syn::Type>,
    propagation: bool,
    sig: &syn::Signature,
) -> syn::Result<()> {
    let syn::Expr::Path(path) = accumulator else {
        return Ok(());
    };
    let Some(last) = path.path.segments.last() else {
        return Ok(());
    };
    let is_bool = matches!(ret, Some(syn::Type::Path(p)) if p.path.is_ident("bool"));
    if last.ident == "first_stop_wins" && !(is_bool || propagation) {
        let returns = match ret {
            Some(ty) => format!("`{}`", ty.to_token_stream()),
            None => "nothing".to_owned(),
        };
        let mut e = syn::Error::new(
            accumulator.span(),
            format!(
                "`first_stop_wins` stops at the first handler returning `true`: the signal must \
                 return `bool` or `glib::Propagation`, and `{}` returns {returns}",
                sig.ident
            ),
        );
        if let Some(ty) = ret {
            e.combine(syn::Error::new(ty.span(), "the return type declared here"));
        }
        return Err(e);
    }
    Ok(())
}

fn take_signal_attr(attrs: &mut Vec<syn::Attribute>) -> Option<syn::Attribute> {
    let index = attrs.iter().position(|a| a.path().is_ident("signal"))?;
    Some(attrs.remove(index))
}

pub(crate) fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let args = Args::parse(attr)?;
    let mut input: syn::ItemImpl = syn::parse2(item)?;
    if let Some((_, path, _)) = &input.trait_ {
        return Err(syn::Error::new(
            path.span(),
            "signals goes on the implementation type's own `impl` block, not a trait impl",
        ));
    }
    let mut decls = Vec::new();
    let mut errors: Option<syn::Error> = None;
    let mut push_error = |e: syn::Error| match &mut errors {
        Some(all) => all.combine(e),
        None => errors = Some(e),
    };
    let mut kept = Vec::new();
    for item in std::mem::take(&mut input.items) {
        match item {
            syn::ImplItem::Fn(mut f) => {
                if let Some(attr) = take_signal_attr(&mut f.attrs) {
                    if args.interface {
                        push_error(syn::Error::new(
                            f.block.span(),
                            "an interface's signal has no class handler here: declare it \
                             without a body (`fn name(&self, ..);`); implementors and users \
                             connect to it",
                        ));
                        continue;
                    }
                    match SignalDecl::new(&attr, &f.sig, true) {
                        Ok(decl) => decls.push(decl),
                        Err(e) => push_error(e),
                    }
                }
                kept.push(syn::ImplItem::Fn(f));
            }
            syn::ImplItem::Verbatim(tokens) => match syn::parse2::<BodylessFn>(tokens.clone()) {
                Ok(mut f) => match take_signal_attr(&mut f.attrs) {
                    Some(attr) => match SignalDecl::new(&attr, &f.sig, false) {
                        Ok(decl) => decls.push(decl),
                        Err(e) => push_error(e),
                    },
                    None => push_error(syn::Error::new(
                        f.sig.ident.span(),
                        "a function without a body must be a `#[signal]`",
                    )),
                },
                Err(_) => kept.push(syn::ImplItem::Verbatim(tokens)),
            },
            other => kept.push(other),
        }
    }
    let mut names = std::collections::HashMap::new();
    for decl in &decls {
        if let Some(first) = names.insert(decl.name.clone(), decl.span) {
            let mut e =
                syn::Error::new(decl.span, format!("signal `{}` declared twice", decl.name));
            e.combine(syn::Error::new(first, "first declared here"));
            push_error(e);
        }
    }
    input.items = kept;
    if let Some(errors) = errors {
        // The block as written (minus the signals) and an empty signal list, so that the
        // errors above are the only ones: not also "no `derived_signals`" at every use.
        let imp_ty = &input.self_ty;
        let errors = errors.to_compile_error();
        return Ok(quote! {
            #input
            impl #imp_ty {
                #[doc(hidden)]
                pub fn derived_signals() -> &'static [::glib_signal_stream::__macro::glib::subclass::Signal] {
                    &[]
                }
            }
            #errors
        });
    }

    let m = quote!(::glib_signal_stream::__macro);
    let imp_ty = &input.self_ty;
    let wrapper = &args.wrapper;
    let wrapper_name = &wrapper
        .segments
        .last()
        .ok_or_else(|| syn::Error::new(wrapper.span(), "expected a type path"))?
        .ident;
    let trait_name = format_ident!("{}SignalsExt", wrapper_name);

    let builders = decls.iter().map(|d| builder(d, &m));
    let trait_methods: Vec<_> = decls
        .iter()
        .enumerate()
        .map(|(i, d)| methods(i, d, imp_ty, &m, &quote!()))
        .collect();
    // The same methods on the wrapper itself, reachable without importing the trait (only
    // subclasses need it).
    let inherent: Vec<_> = decls
        .iter()
        .enumerate()
        .map(|(i, d)| methods(i, d, imp_ty, &m, &quote!(pub)))
        .collect();
    let events = events(&decls, wrapper, wrapper_name, &m);
    let count = decls.len();
    let trait_doc = format!(
        "The signals of [`{wrapper_name}`] declared with `#[signals]`, typed: `connect_<name>`, \
         `emit_<name>`, `<name>_stream` and its forms. Implemented for every subclass."
    );
    let vis = quote!(pub);
    let inherent_doc = format!(
        "The signals declared with `#[signals]`, as inherent methods: no import needed. A \
         subclass reaches them through [`{trait_name}`]."
    );

    Ok(quote! {
        #input

        impl #imp_ty {
            /// The signals declared in this block, registered once; what
            /// `ObjectImpl::signals()` returns (`#[derived_signals]` fills it with this).
            pub fn derived_signals() -> &'static [#m::glib::subclass::Signal] {
                static SIGNALS: ::std::sync::OnceLock<[#m::glib::subclass::Signal; #count]> =
                    ::std::sync::OnceLock::new();
                SIGNALS.get_or_init(|| [#(#builders),*])
            }
        }

        #[doc = #trait_doc]
        #vis trait #trait_name:
            #m::glib::prelude::IsA<#wrapper> + #m::glib::prelude::IsA<#m::glib::Object> + 'static
        {
            #(#trait_methods)*
        }

        impl<O> #trait_name for O
        where
            O: #m::glib::prelude::IsA<#wrapper> + #m::glib::prelude::IsA<#m::glib::Object> + 'static,
        {
        }

        #[doc = #inherent_doc]
        impl #wrapper {
            #(#inherent)*
        }

        #events
    })
}

/// `<Wrapper>Event`: one variant per signal that returns nothing, with its owned parameters,
/// and its `SignalEvents` impl, so that `obj.events_stream::<<Wrapper>Event>()` is one
/// ordered stream of them all, as for the generated GTK and GIO types.
fn events(
    decls: &[SignalDecl],
    wrapper: &syn::Path,
    wrapper_name: &syn::Ident,
    m: &TokenStream,
) -> TokenStream {
    let event = format_ident!("{}Event", wrapper_name);
    let plain: Vec<_> = decls.iter().filter(|d| d.ret.is_none()).collect();
    if plain.is_empty() {
        return quote!();
    }
    let variant = |d: &SignalDecl| {
        let camel: String = d
            .name
            .split(['-', '_'])
            .map(|part| {
                let mut chars = part.chars();
                chars.next().map_or_else(String::new, |c| {
                    c.to_ascii_uppercase().to_string() + chars.as_str()
                })
            })
            .collect();
        syn::Ident::new(&camel, d.span)
    };
    let variants = plain.iter().map(|d| {
        let v = variant(d);
        let doc = format!("`{}`.", d.name);
        let owned = d.params.iter().map(|p| &p.owned);
        if d.params.is_empty() {
            quote!(#[doc = #doc] #v)
        } else {
            quote!(#[doc = #doc] #v(#(#owned),*))
        }
    });
    let names = plain.iter().map(|d| {
        let v = variant(d);
        let text = v.to_string();
        if d.params.is_empty() {
            quote!(Self::#v => #text)
        } else {
            quote!(Self::#v(..) => #text)
        }
    });
    let adds = plain.iter().map(|d| {
        let v = variant(d);
        let name = &d.name;
        let idents: Vec<_> = d.params.iter().map(|p| &p.ident).collect();
        let owned = d.params.iter().map(|p| &p.owned);
        let make = if d.params.is_empty() {
            quote!(Self::#v)
        } else {
            quote!(Self::#v(#(#idents),*))
        };
        quote!(.signal(#name, |(#(#idents,)*): (#(#owned,)*)| #make))
    });
    let doc = format!(
        "The signals of [`{wrapper_name}`] declared with `#[signals]` that return nothing, one \
         variant each with the signal's parameters: the items of \
         `events_stream::<{event}>()`, in emission order."
    );
    quote! {
        #[doc = #doc]
        pub enum #event {
            #(#variants),*
        }

        impl ::std::fmt::Debug for #event {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                // The variant only: the parameters need not be `Debug`.
                f.write_str(match self { #(#names),* })
            }
        }

        impl #m::SignalEvents for #event {
            type Emitter = #wrapper;

            fn add_signals(
                builder: #m::ManySignalStreamBuilder<'_, Self>,
            ) -> #m::ManySignalStreamBuilder<'_, Self> {
                builder #(#adds)*
            }
        }
    }
}

/// The `Signal::builder(..)` expression of one declaration.
fn builder(d: &SignalDecl, m: &TokenStream) -> TokenStream {
    let name = &d.name;
    let ret_ty = carrier(d);
    let owned = d.params.iter().map(|p| &p.owned);
    let param_types = (!d.params.is_empty()).then(
        || quote!(.param_types([#(<#owned as #m::glib::prelude::StaticType>::static_type()),*])),
    );
    let flags = &d.options.flags;
    let ret = d.ret.as_ref().map(|_| quote!(.return_type::<#ret_ty>()));
    let accumulator = d
        .options
        .accumulator
        .as_ref()
        .map(|a| quote!(.accumulator(#a)));
    let class_handler = d.has_class_handler.then(|| {
        let ident = &d.ident;
        let reads = d.params.iter().enumerate().map(|(i, p)| {
            let v = &p.ident;
            let read = &p.read;
            let index = i + 1;
            quote! {
                let ::std::option::Option::Some(#v) = #m::param::<#read>(values, #index, #name)
                else { return #m::default_answer::<#ret_ty>() };
            }
        });
        let passes = d.params.iter().map(|p| (p.pass)(p.ident.to_token_stream()));
        let answer = answer(d, m);
        quote! {
            .class_handler(|values| {
                let ::std::option::Option::Some(obj) =
                    #m::emitter::<<Self as #m::glib::subclass::types::ObjectSubclass>::Type>(values, #name)
                else { return #m::default_answer::<#ret_ty>() };
                #(#reads)*
                let imp = #m::glib::subclass::prelude::ObjectSubclassIsExt::imp(obj);
                let ret = imp.#ident(#(#passes),*);
                #answer
            })
        }
    });
    quote! {
        #m::glib::subclass::Signal::builder(#name)
            #param_types
            #ret
            #(.#flags())*
            #accumulator
            #class_handler
            .build()
    }
}

/// The type GLib carries the return value as: the declared one, or `bool` for
/// `glib::Propagation`.
fn carrier(d: &SignalDecl) -> syn::Type {
    match &d.ret {
        None => syn::parse_quote!(()),
        Some(_) if d.propagation => syn::parse_quote!(bool),
        Some(ty) => ty.clone(),
    }
}

/// What a handler returns to GLib, from its result `ret`.
fn answer(d: &SignalDecl, m: &TokenStream) -> TokenStream {
    match &d.ret {
        Some(_) if d.propagation => quote!(::std::option::Option::Some(
            #m::glib::prelude::ToValue::to_value(&#m::glib::Propagation::is_stop(&ret))
        )),
        Some(_) => quote!(::std::option::Option::Some(#m::glib::prelude::ToValue::to_value(&ret))),
        None => quote! {
            let () = ret;
            ::std::option::Option::None
        },
    }
}

/// The extension trait's methods for one declaration (the `index`-th).
///
/// `vis` is empty in the trait and `pub` on the wrapper. The methods are named after the
/// signal (`file-added` gives `connect_file_added`), as gtk-rs names them.
fn methods(
    index: usize,
    d: &SignalDecl,
    imp_ty: &syn::Type,
    m: &TokenStream,
    vis: &TokenStream,
) -> TokenStream {
    let name = &d.name;
    let ident = name.replace('-', "_");
    let ident = ident.as_str();
    let connect = format_ident!("connect_{}", ident);
    let emit = format_ident!("emit_{}", ident);
    let stream = format_ident!("{}_stream", ident);
    let stream_with = format_ident!("{}_stream_with", ident);
    let future = format_ident!("{}_future", ident);
    let written: Vec<_> = d.params.iter().map(|p| &p.written).collect();
    let owned: Vec<_> = d.params.iter().map(|p| &p.owned).collect();
    let idents: Vec<_> = d.params.iter().map(|p| &p.ident).collect();
    let item = quote!((#(#owned,)*));
    let ret_ty = d.ret.clone().unwrap_or_else(|| syn::parse_quote!(()));
    let carried = carrier(d);
    let (detail_param, full_name, quark) = if d.options.detailed {
        (
            quote!(detail: ::std::option::Option<&str>,),
            quote!(&#m::detailed_name(#name, detail)),
            quote!(#m::glib::Quark::from_str(detail.unwrap_or(""))),
        )
    } else {
        (quote!(), quote!(#name), quote!())
    };
    let detail_doc = if d.options.detailed {
        " `detail` narrows it to emissions with that detail (`None`: all)."
    } else {
        ""
    };

    let reads = d.params.iter().enumerate().map(|(i, p)| {
        let v = &p.ident;
        let read = &p.read;
        let index = i + 1;
        quote! {
            let ::std::option::Option::Some(#v) = #m::param::<#read>(values, #index, #name)
            else { return #m::default_answer::<#carried>() };
        }
    });
    let passes = d.params.iter().map(|p| (p.pass)(p.ident.to_token_stream()));
    let answer = answer(d, m);
    let from_carrier = if d.propagation {
        quote!(#m::glib::Propagation::from(ret))
    } else {
        quote!(ret)
    };
    let emit_body = if d.options.detailed {
        quote! {
            let id = #m::glib::subclass::Signal::signal_id(&#imp_ty::derived_signals()[#index]);
            match detail {
                ::std::option::Option::Some(_) => #m::glib::prelude::ObjectExt::emit_with_details::<#carried>(
                    self, id, #quark, &[#(&#idents),*]),
                ::std::option::Option::None => #m::glib::prelude::ObjectExt::emit::<#carried>(
                    self, id, &[#(&#idents),*]),
            }
        }
    } else {
        quote! {
            let id = #m::glib::subclass::Signal::signal_id(&#imp_ty::derived_signals()[#index]);
            #m::glib::prelude::ObjectExt::emit::<#carried>(self, id, &[#(&#idents),*])
        }
    };
    let connect_doc = format!(
        "Connects `f` to the `{name}` signal; it gets the emitter and the parameters.{detail_doc}"
    );
    let emit_doc = format!(
        "Emits `{name}`, through the signal id (no lookup by name), and returns what the \
         handlers answered.{detail_doc}"
    );
    let stream_send = format_ident!("{}_stream_send", ident);
    let future_send = format_ident!("{}_future_send", ident);
    // Behind a binder, so that the bounds are checked where the method is called, not where
    // it is declared: a type that is not `Send + Sync` simply has no Send forms.
    let send_bound = quote! {
        where
            for<'s> Self: ::std::marker::Send + ::std::marker::Sync,
            for<'s> #item: ::std::marker::Send
    };
    let stream_send_doc = format!(
        "Like `{ident}_stream`, fed from whatever thread emits, for a `Send + Sync` type: a \
         `SendSignalStream`, `Send` when its items are.{detail_doc}"
    );
    let future_send_doc = format!(
        "Like `{ident}_future`, resolved from whatever thread emits, for a `Send + Sync` \
         type.{detail_doc}"
    );
    let stream_forms = match &d.ret {
        None => {
            let stream_doc = format!(
                "A stream of the `{name}` signal: one item of its parameters per emission. \
                 Dropping it disconnects its handler.{detail_doc}"
            );
            let with_doc = format!(
                "Like `{ident}_stream`, with `handler` run inside each emission first.{detail_doc}"
            );
            let future_doc = format!("The next emission of `{name}`, as a future.{detail_doc}");
            quote! {
                #[doc = #stream_doc]
                #[must_use = "dropping the stream disconnects its handler at once"]
                #vis fn #stream(&self, #detail_param) -> #m::SignalStream<#item> {
                    #m::SignalStreamExt::signal_stream_builder(self, #full_name).typed::<#item>().build()
                }

                #[doc = #with_doc]
                #[must_use = "dropping the stream disconnects its handler at once; keep it, or `.detach()` it"]
                #vis fn #stream_with<H: Fn(&#item) + 'static>(&self, #detail_param handler: H) -> #m::SignalStream<#item> {
                    #m::SignalStreamExt::signal_stream_builder(self, #full_name).typed::<#item>().handler(handler).build()
                }

                #[doc = #future_doc]
                #[must_use = "dropping the future disconnects its handler at once"]
                #vis fn #future(&self, #detail_param) -> #m::SignalFuture<#item> {
                    #m::SignalStreamExt::signal_stream_builder(self, #full_name).typed::<#item>().future().build()
                }

                #[doc = #stream_send_doc]
                #[must_use = "dropping the stream disconnects its handler at once"]
                #vis fn #stream_send(&self, #detail_param) -> #m::SendSignalStream<#item, Self>
                #send_bound
                {
                    #m::SignalStreamExt::signal_stream_builder(self, #full_name).typed::<#item>().send().build()
                }

                #[doc = #future_send_doc]
                #[must_use = "dropping the future disconnects its handler at once"]
                #vis fn #future_send(&self, #detail_param) -> #m::SendSignalFuture<#item, Self>
                #send_bound
                {
                    #m::SignalStreamExt::signal_stream_builder(self, #full_name).typed::<#item>().future().send().build()
                }
            }
        }
        Some(ret) => {
            let stream_doc = format!(
                "A stream of the `{name}` signal, whose `handler` answers each emission at once \
                 (the item still reaches the stream). Dropping it disconnects its \
                 handler.{detail_doc}"
            );
            quote! {
                #[doc = #stream_doc]
                #[must_use = "dropping the stream disconnects its handler at once"]
                #vis fn #stream<H: Fn(&#item) -> #ret + 'static>(&self, #detail_param handler: H) -> #m::SignalStream<#item> {
                    #m::SignalStreamExt::signal_stream_builder(self, #full_name).typed::<#item>().answer::<H, #ret, _>(handler).build()
                }

                #[doc = #stream_send_doc]
                #[must_use = "dropping the stream disconnects its handler at once"]
                #vis fn #stream_send<H>(&self, #detail_param handler: H) -> #m::SendSignalStream<#item, Self>
                #send_bound,
                    H: Fn(&#item) -> #ret + ::std::marker::Send + ::std::marker::Sync + 'static,
                {
                    #m::SignalStreamExt::signal_stream_builder(self, #full_name).typed::<#item>().answer::<H, #ret, _>(handler).send().build()
                }
            }
        }
    };
    quote! {
        #[doc = #connect_doc]
        #vis fn #connect<F: Fn(&Self, #(#written),*) -> #ret_ty + 'static>(&self, #detail_param f: F) -> #m::glib::SignalHandlerId
        where
            // Every wrapper type: the emitter is borrowed from the emission, not referenced.
            for<'a> &'a Self: #m::glib::value::FromValue<'a>,
        {
            #m::glib::prelude::ObjectExt::connect_local(self, #full_name, false, move |values| {
                let ::std::option::Option::Some(obj) = #m::emitter::<Self>(values, #name)
                else { return #m::default_answer::<#carried>() };
                #(#reads)*
                let ret = f(obj, #(#passes),*);
                #answer
            })
        }

        #[doc = #emit_doc]
        #vis fn #emit(&self, #detail_param #(#idents: #written),*) -> #ret_ty {
            let ret: #carried = { #emit_body };
            #from_carrier
        }

        #stream_forms
    }
}
