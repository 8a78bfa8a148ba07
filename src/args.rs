//! Typed signal parameters and return values: what `connect_stream_typed` converts to, and
//! what return-value handlers give back to the emitter.

use glib::{
    types::StaticType,
    value::{FromValue, ToValue},
    Type, Value,
};

/// The item type of a signal stream: the emission's parameters (without the emitter),
/// converted from [`glib::Value`]s.
///
/// Implemented for tuples of up to 12 types that convert from a `glib::Value` (`()`, `(T1,)`,
/// `(T1, T2)`, ...) and for `Vec<glib::Value>` (any signal, unconverted). A tuple's types are
/// checked against the signal's definition when connecting (see
/// [`ConnectErrorKind::ArgumentMismatch`](crate::ConnectErrorKind::ArgumentMismatch)), so converting
/// during an emission cannot fail for a type mismatch.
///
/// Parameter types: numbers, `bool`, `String`, `glib::Variant`, objects, interfaces, boxed
/// types, enums and flags; wrap a parameter in `Option<_>` when GLib may pass `NULL` for it
/// (GObject's signal definitions do not say which ones may be `NULL`).
///
/// An object or interface parameter may be requested as a subtype of its declared type, as
/// gtk4-rs's `connect_bind` gives a `gtk::ListItem` where the signal declares a `GObject`:
/// the subtype is accepted when connecting and checked on each emission; an instance of
/// another type is dropped from the stream with a critical, as a `NULL` is for a parameter
/// that is not an `Option`.
///
/// Whatever a generated stream yields for a parameter, this form accepts for it too: a
/// `gint` response id (`GtkDialog::response`) may be requested as `gtk::ResponseType`, and
/// converts as `response_stream()` and gtk4-rs's `connect_response` convert it.
pub trait SignalArgs: Sized + 'static {
    /// The GTypes this item type expects, with Rust names for messages, or `None` to accept
    /// any parameters.
    fn expected_types() -> Option<Vec<(Type, String)>>;

    /// Converts one emission's parameters (the emitter excluded). `None` if a value does
    /// not convert (for example `NULL` for a non-`Option` parameter).
    fn from_values(values: &[Value]) -> Option<Self>;

    /// Converts one emission's parameters where [`from_values`](Self::from_values) did not:
    /// with the conversions of [`param_accepts`] for values that do not hold the requested
    /// type. Called only then, so that the common path pays nothing for it.
    #[doc(hidden)]
    fn from_converted_values(values: &[Value]) -> Option<Self> {
        let _ = values;
        None
    }

    /// [`from_values`](Self::from_values) for items of plain data only (numbers, `bool`),
    /// read without calling anything; `None` for any other item type or value, which then
    /// goes through `from_values`.
    #[doc(hidden)]
    #[inline(always)]
    fn from_plain_values(values: &[Value]) -> Option<Self> {
        let _ = values;
        None
    }

    /// Whether this item type can hold parameters of the GTypes `params`: the check of
    /// [`expected_types`](Self::expected_types), without building the Rust type names (it
    /// runs on every connect; the names are only needed for an error message).
    #[doc(hidden)]
    fn accepts_types(params: &[Type]) -> bool {
        Self::expected_types().is_none_or(|requested| {
            requested.len() == params.len()
                && params
                    .iter()
                    .zip(&requested)
                    .all(|(param, (want, _))| param_accepts(*param, *want))
        })
    }
}

/// Whether a parameter declared as `param` can be requested as `want`: the same type or a
/// supertype, or, for objects and interfaces, a subtype (`gtk::ListItem` for a `GObject`
/// parameter), which is then checked on each emission: an instance of another type does not
/// convert, and the emission is dropped from the stream with a critical, as a `NULL` is.
#[inline]
pub(crate) fn param_accepts(param: Type, want: Type) -> bool {
    param.is_a(want)
        || ((param.is_a(Type::OBJECT) || param.is_a(Type::INTERFACE)) && want.is_a(param))
        || converts(param, want)
}

/// Whether a parameter declared as `param` may be requested as `want`, another type, which
/// the generated streams yield for it: a `gint` as `gtk::ResponseType` (the response ids of
/// `GtkDialog::response`, `GtkInfoBar::response`, `GtkNativeDialog::response`).
#[inline]
fn converts(param: Type, want: Type) -> bool {
    #[cfg(feature = "gtk")]
    {
        param == Type::I32 && want == gtk4::ResponseType::static_type()
    }
    #[cfg(not(feature = "gtk"))]
    {
        let _ = (param, want);
        false
    }
}

/// `value` as a `T` it does not hold but [`converts`] to: a `gint` response id as
/// `gtk::ResponseType`, converted as gtk4-rs's `connect_response` does. `None` otherwise.
#[inline]
fn converted<T: 'static>(value: &Value) -> Option<T> {
    #[cfg(feature = "gtk")]
    {
        let response = crate::auto_support::response_type(value.get::<i32>().ok()?);
        let mut converted = Some(response);
        (&mut converted as &mut dyn std::any::Any)
            .downcast_mut::<Option<T>>()?
            .take()
    }
    #[cfg(not(feature = "gtk"))]
    {
        let _ = value;
        None
    }
}

/// `value` as a `T`: what it holds, or what it [`converts`] to (the emission's slow path).
#[inline]
fn arg<T: for<'a> FromValue<'a> + 'static>(value: &Value) -> Option<T> {
    match value.get::<T>() {
        Ok(value) => Some(value),
        Err(_) => converted(value),
    }
}

impl SignalArgs for Vec<Value> {
    fn expected_types() -> Option<Vec<(Type, String)>> {
        None
    }

    fn accepts_types(_params: &[Type]) -> bool {
        true
    }

    #[inline]
    fn from_values(values: &[Value]) -> Option<Self> {
        Some(crate::raw::clone_values(values))
    }
}

macro_rules! impl_signal_args {
    ($n:literal; $($t:ident $i:tt),*) => {
        impl<$($t),*> SignalArgs for ($($t,)*)
        where
            $($t: for<'a> FromValue<'a> + StaticType + 'static,)*
        {
            fn expected_types() -> Option<Vec<(Type, String)>> {
                Some(vec![$(($t::static_type(), rust_type_name::<$t>())),*])
            }

            #[allow(unused_variables)]
            fn accepts_types(params: &[Type]) -> bool {
                params.len() == $n $(&& param_accepts(params[$i], $t::static_type()))*
            }

            #[inline]
            #[allow(unused_variables)]
            fn from_values(values: &[Value]) -> Option<Self> {
                if values.len() != $n {
                    return None;
                }
                Some(($(crate::marshal::param::<$t>(&values[$i])?,)*))
            }

            #[inline(always)]
            #[allow(unused_variables)]
            fn from_plain_values(values: &[Value]) -> Option<Self> {
                if values.len() != $n {
                    return None;
                }
                Some(($(crate::marshal::plain::<$t>(&values[$i])?,)*))
            }

            #[allow(unused_variables)]
            fn from_converted_values(values: &[Value]) -> Option<Self> {
                if values.len() != $n {
                    return None;
                }
                Some(($(arg::<$t>(&values[$i])?,)*))
            }
        }
    };
}

impl_signal_args!(0;);
impl_signal_args!(1; A 0);
impl_signal_args!(2; A 0, B 1);
impl_signal_args!(3; A 0, B 1, C 2);
impl_signal_args!(4; A 0, B 1, C 2, D 3);
impl_signal_args!(5; A 0, B 1, C 2, D 3, E 4);
impl_signal_args!(6; A 0, B 1, C 2, D 3, E 4, F 5);
impl_signal_args!(7; A 0, B 1, C 2, D 3, E 4, F 5, G 6);
impl_signal_args!(8; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
impl_signal_args!(9; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
impl_signal_args!(10; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
impl_signal_args!(11; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
impl_signal_args!(12; A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);

/// A value a return-value handler gives back to the emitter.
///
/// Implemented for every type that is `ToValue + StaticType` (`bool`, numbers, `String`,
/// objects, enums, ...), for [`glib::Propagation`] (a `gboolean`, as GTK's event signals
/// expect) and for `()` (signals that return nothing). The type parameter `M` only tells these
/// families apart; it is always inferred.
///
/// The return type is checked against the signal's when connecting
/// ([`ConnectErrorKind::ReturnTypeMismatch`](crate::ConnectErrorKind::ReturnTypeMismatch)).
///
/// To name the item type without a turbofish that spells out `M`, annotate the handler's
/// parameter; the return type follows from the handler:
///
/// ```
/// use futures_util::{FutureExt, StreamExt};
/// use glib::prelude::*;
/// use glib_signal_stream::prelude::*;
///
/// let app = gio::Application::new(None, gio::ApplicationFlags::empty());
/// // `A` is `()` and `R` is `bool`, from the closure.
/// let mut lost = app.signal_stream_builder("name-lost").typed().answer(|(): &()| true).build();
/// assert!(app.emit_by_name::<bool>("name-lost", &[]));
/// assert_eq!(lost.next().now_or_never(), Some(Some(())));
/// ```
// Why `M` cannot go: one blanket impl over `ToValue + StaticType` and impls for
// `glib::Propagation` (`ToValue` but not `StaticType`) and `()` overlap for the coherence
// checker ("upstream crates may add a new impl"), and so does an impl bounded by
// `IsA<glib::Object>` beside impls for `bool` or `String`. Without a blanket impl, only a fixed
// list of types could be returned: no application enum, flags or object type, or a wrapper
// the user would have to name instead. The marker keeps every `ToValue + StaticType` type.
pub trait SignalReturn<M>: 'static {
    /// The GType handed to the emitter (`Type::UNIT` for none).
    fn return_type() -> Type;
    /// The Rust type's name, for messages.
    fn type_name() -> String;
    /// Converts into the value handed to the emitter (`None` for `()`).
    fn into_return_value(self) -> Option<Value>;
}

/// Marker types that select a [`SignalReturn`] implementation; never named by users.
pub mod marker {
    /// Selects the implementation for `T: ToValue + StaticType`.
    #[derive(Debug)]
    pub enum ByValue {}
    /// Selects the implementation for [`glib::Propagation`].
    #[derive(Debug)]
    pub enum ByPropagation {}
    /// Selects the implementation for `()`.
    #[derive(Debug)]
    pub enum ByUnit {}
}

impl<T: ToValue + StaticType + 'static> SignalReturn<marker::ByValue> for T {
    fn return_type() -> Type {
        T::static_type()
    }
    fn type_name() -> String {
        rust_type_name::<T>()
    }
    #[inline]
    fn into_return_value(self) -> Option<Value> {
        Some(self.to_value())
    }
}

impl SignalReturn<marker::ByPropagation> for glib::Propagation {
    fn return_type() -> Type {
        Type::BOOL
    }
    fn type_name() -> String {
        "Propagation".to_owned()
    }
    #[inline]
    fn into_return_value(self) -> Option<Value> {
        Some(bool::from(self).to_value())
    }
}

impl SignalReturn<marker::ByUnit> for () {
    fn return_type() -> Type {
        Type::UNIT
    }
    fn type_name() -> String {
        "()".to_owned()
    }
    #[inline]
    fn into_return_value(self) -> Option<Value> {
        None
    }
}

/// `std::any::type_name` without module paths: `Option<gtk4::auto::widget::Widget>` becomes
/// `Option<Widget>`.
pub(crate) fn rust_type_name<T: ?Sized>() -> String {
    let full = std::any::type_name::<T>();
    let mut out = String::with_capacity(full.len());
    let mut segment_start = 0;
    for (i, c) in full.char_indices() {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            continue;
        }
        push_last_segment(&mut out, &full[segment_start..i]);
        out.push(c);
        segment_start = i + c.len_utf8();
    }
    push_last_segment(&mut out, &full[segment_start..]);
    out
}

fn push_last_segment(out: &mut String, path: &str) {
    out.push_str(path.rsplit("::").next().unwrap_or(path));
}

#[cfg(test)]
mod tests {
    use super::rust_type_name;

    #[test]
    fn type_names_are_short() {
        assert_eq!(rust_type_name::<u32>(), "u32");
        assert_eq!(rust_type_name::<Option<glib::Object>>(), "Option<Object>");
        assert_eq!(rust_type_name::<(u32, String)>(), "(u32, String)");
    }
}
