//! The `GClosure` every stream connects, with a marshaller of this crate's own, and the
//! direct reads of plain-data parameters that typed items use.
//!
//! glib's `RustClosure` boxes a `Fn(&[Value]) -> Option<Value>` behind a generic marshaller
//! that checks the returned value's type on every emission and panics on a mismatch; the
//! stream's closure is one more layer inside it. Here the marshaller calls the stream's
//! [`Marshal`] implementation directly: one call, no `Option<Value>` passed through two
//! closures, and a mismatched answer is a critical, not a panic. The parameters are read by
//! [`param`]: for GLib's plain-data fundamental types straight from the `GValue`, as GLib's
//! own marshallers read them (`g_marshal_value_peek_*` in `gobject/gmarshal.c`). The common
//! emission ([`Marshal::marshal_fast`]) makes no call at all; the rest runs out of line.
#![allow(unsafe_code)]

use std::{
    any::TypeId,
    ffi::{c_uint, c_void},
    slice,
};

use glib::{
    translate::{FromGlibPtrNone, IntoGlib, ToGlibPtr},
    value::FromValue,
    Type, Value,
};

/// What a stream's closure does inside one emission.
pub(crate) trait Marshal: 'static {
    /// Handles the emission if it can without calling any function (plain-data parameters
    /// appended to a queue with room and no waiting consumer); `false` leaves it untouched,
    /// for [`marshal`](Self::marshal). Checked first, so that the common emission needs no
    /// saved registers or stack frame.
    #[inline(always)]
    fn marshal_fast(&self, values: &[Value]) -> bool {
        let _ = values;
        false
    }

    /// Takes the emission's values (the emitter first); returns the value for the emitter
    /// (`None` for void signals).
    fn marshal(&self, values: &[Value]) -> Option<Value>;
}

/// A closure that hands each emission to `marshaller`, and drops `marshaller` when GLib
/// finalizes the closure (the handler disconnected, or its emitter finalized).
///
/// The closure may be invoked and finalized on any thread, as GLib's closures may:
/// `marshaller` must be `Send + Sync` (a local stream's state is, through
/// [`ThreadBound`](crate::thread_bound::ThreadBound)).
pub(crate) fn closure<M: Marshal + Send + Sync>(marshaller: M) -> glib::Closure {
    let data = Box::into_raw(Box::new(marshaller)).cast::<c_void>();
    // SAFETY: `g_closure_new_simple` with the size of a plain `GClosure` allocates a closure
    // that GLib owns; `data` is a valid `M` that only `finalize::<M>` frees, once, when the
    // closure is finalized; the meta marshaller is given `data` on every invocation (see
    // `marshal`). `from_glib_none` takes a reference and sinks the floating one, as glib's
    // `Closure::new_unsafe` does, so the returned `Closure` owns exactly one reference.
    unsafe {
        let closure = gobject_sys::g_closure_new_simple(CLOSURE_SIZE, std::ptr::null_mut());
        gobject_sys::g_closure_set_meta_marshal(closure, data, Some(marshal::<M>));
        gobject_sys::g_closure_add_finalize_notifier(closure, data, Some(finalize::<M>));
        glib::Closure::from_glib_none(closure)
    }
}

/// `sizeof (GClosure)`: 32 bits of bitfields, padded to a pointer's alignment, then three
/// pointers (`marshal`, `data`, `notifiers`); the bindings declare the struct truncated.
const CLOSURE_SIZE: c_uint = {
    let ptr = std::mem::size_of::<*mut c_void>();
    let bits = if ptr > 4 { ptr } else { 4 };
    (bits + 3 * ptr) as c_uint
};

/// The meta marshaller: GLib calls it for every invocation of the closure, with the
/// `marshal_data` it was set with (a `*const M`).
unsafe extern "C" fn marshal<M: Marshal>(
    _closure: *mut gobject_sys::GClosure,
    return_value: *mut gobject_sys::GValue,
    n_param_values: c_uint,
    param_values: *const gobject_sys::GValue,
    _invocation_hint: *mut c_void,
    marshal_data: *mut c_void,
) {
    // SAFETY: `marshal_data` is the `M` boxed by `closure`, alive until the closure is
    // finalized, which cannot happen while GLib invokes it (`g_closure_invoke` holds a
    // reference for the call). `param_values` points to `n_param_values` initialized
    // `GValue`s for the duration of the call, and `glib::Value` is a transparent `GValue`.
    let (marshaller, values) = unsafe {
        let values: &[Value] = if n_param_values == 0 {
            &[]
        } else {
            slice::from_raw_parts(param_values.cast::<Value>(), n_param_values as usize)
        };
        (&*marshal_data.cast::<M>(), values)
    };
    if marshaller.marshal_fast(values) {
        return;
    }
    // SAFETY: `return_value` is what GLib passed, as `answer` requires.
    unsafe { answer(marshaller, values, return_value) };
}

/// The emission past [`Marshal::marshal_fast`]: the full path, and the answer to the emitter.
///
/// # Safety
///
/// `return_value` is NULL or an initialized `GValue` the caller lends for the call.
// Out of line: past the fast path, which then needs no saved registers or stack frame.
#[inline(never)]
unsafe fn answer<M: Marshal>(
    marshaller: &M,
    values: &[Value],
    return_value: *mut gobject_sys::GValue,
) {
    let Some(answer) = marshaller.marshal(values) else {
        return;
    };
    if return_value.is_null() {
        return; // a caller that asked for no value: the answer is dropped
    }
    // SAFETY: a non-NULL `return_value` is an initialized `GValue` (of the signal's return
    // type) that GLib lends the closure for the call, to be overwritten.
    let slot = unsafe { &mut *return_value.cast::<Value>() };
    if answer.type_() == slot.type_() || answer.type_().is_a(slot.type_()) {
        *slot = answer;
    } else {
        mismatched_answer(&answer, slot);
    }
}

/// Reports an answer of another type than the emitter expects, which the connect-time
/// return type check rules out for typed handlers; the emitter keeps its default value.
#[cold]
#[inline(never)]
fn mismatched_answer(answer: &Value, slot: &Value) {
    glib::g_critical!(
        crate::LOG_DOMAIN,
        "a signal stream's handler answered a value of type '{}' where the emitter expects \
         '{}'; the emitter gets the default value",
        answer.type_(),
        slot.type_()
    );
}

/// The finalize notifier: drops the marshaller.
unsafe extern "C" fn finalize<M: Marshal>(data: *mut c_void, _closure: *mut gobject_sys::GClosure) {
    // SAFETY: `data` is the `M` boxed by `closure`; GLib calls finalize notifiers once, after
    // the last invocation.
    drop(unsafe { Box::from_raw(data.cast::<M>()) });
}

/// `value` as a `T` if `T` is one of the plain-data types [`param`] reads directly and
/// `value` holds it; `None` otherwise, without calling anything.
#[inline(always)]
pub(crate) fn plain<T: 'static>(value: &Value) -> Option<T> {
    macro_rules! direct {
        ($($rust:ty => $gtype:expr, |$data:ident| $read:expr;)*) => {$(
            if TypeId::of::<T>() == TypeId::of::<$rust>() {
                let raw: *const gobject_sys::GValue = value.to_glib_none().0;
                // SAFETY: `raw` is the initialized `GValue` behind `value`.
                let held = unsafe { (*raw).g_type };
                if held != $gtype.into_glib() {
                    return None;
                }
                // SAFETY: the `GValue` holds this fundamental type, whose value GLib keeps in
                // the `data[0]` field read here (the field its `g_value_get_*` returns); the
                // read copies plain data.
                let read: $rust = unsafe {
                    let $data = (*raw).data[0];
                    $read
                };
                // SAFETY: `T` is `$rust` (same `TypeId`).
                return Some(unsafe { std::mem::transmute_copy::<$rust, T>(&read) });
            }
        )*};
    }
    direct! {
        u64 => Type::U64, |d| d.v_uint64;
        i64 => Type::I64, |d| d.v_int64;
        u32 => Type::U32, |d| d.v_uint;
        i32 => Type::I32, |d| d.v_int;
        bool => Type::BOOL, |d| d.v_int != 0;
        f64 => Type::F64, |d| d.v_double;
        f32 => Type::F32, |d| d.v_float;
        i8 => Type::I8, |d| d.v_int as i8;
        u8 => Type::U8, |d| d.v_uint as u8;
    }
    None
}

/// `value` as a `T`, exactly as `value.get::<T>().ok()` converts it.
///
/// For GLib's plain-data fundamental types (`gint`, `guint`, `gint64`, `guint64`,
/// `gboolean`, `gfloat`, `gdouble`, `gchar`, `guchar`) requested as the Rust type glib maps
/// them to, it compares the `GValue`'s type and reads its data field, the two instructions
/// `get` spends a call to `g_type_check_value_holds` and one to `g_value_get_*` on (these
/// types have no subtypes, so equality is `get`'s `is_a`). Every other type goes through
/// `get`. Which branch applies is decided at compile time: `TypeId`s of known types.
#[inline(always)]
pub(crate) fn param<T: for<'a> FromValue<'a> + 'static>(value: &Value) -> Option<T> {
    plain(value).or_else(|| value.get::<T>().ok())
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use glib::{prelude::*, Type, Value};

    use super::{closure, param, Marshal};

    /// Answers a string whatever the emitter expects: what the connect-time return type check
    /// rules out for every handler of the crate.
    struct WrongAnswer;

    impl Marshal for WrongAnswer {
        fn marshal(&self, _values: &[Value]) -> Option<Value> {
            Some("text".to_value())
        }
    }

    #[test]
    fn an_answer_of_another_type_is_a_critical_and_the_emitter_keeps_its_default() {
        let closure = closure(WrongAnswer);
        let criticals = Arc::new(Mutex::new(Vec::<String>::new()));
        let handler = glib::log_set_handler(
            Some(crate::LOG_DOMAIN),
            glib::LogLevels::LEVEL_CRITICAL,
            false,
            false,
            {
                let criticals = criticals.clone();
                move |_, _, message| criticals.lock().unwrap().push(message.to_owned())
            },
        );
        // SAFETY: the closure takes any values and the caller expects a `gboolean`.
        let answer = unsafe { closure.invoke_with_values(Type::BOOL, &[]) };
        glib::log_remove_handler(Some(crate::LOG_DOMAIN), handler);
        assert_eq!(answer.map(|v| v.get::<bool>()), Some(Ok(false)));
        let criticals = criticals.lock().unwrap();
        assert_eq!(criticals.len(), 1, "{criticals:?}");
        assert!(
            criticals[0].contains("'gchararray' where the emitter expects 'gboolean'"),
            "{criticals:?}"
        );
    }

    #[test]
    fn param_converts_as_get_does() {
        fn same<T: for<'a> glib::value::FromValue<'a> + PartialEq + std::fmt::Debug + 'static>(
            values: &[glib::Value],
        ) {
            for value in values {
                assert_eq!(param::<T>(value), value.get::<T>().ok(), "{value:?}");
            }
        }
        let values = [
            u64::MAX.to_value(),
            (-5i64).to_value(),
            7u32.to_value(),
            (-7i32).to_value(),
            true.to_value(),
            false.to_value(),
            2.5f64.to_value(),
            (-1.5f32).to_value(),
            (-3i8).to_value(),
            200u8.to_value(),
            "text".to_value(),
            None::<String>.to_value(),
            glib::Object::new::<glib::Object>().to_value(),
        ];
        same::<u64>(&values);
        same::<i64>(&values);
        same::<u32>(&values);
        same::<i32>(&values);
        same::<bool>(&values);
        same::<f64>(&values);
        same::<f32>(&values);
        same::<i8>(&values);
        same::<u8>(&values);
        same::<String>(&values);
        same::<Option<String>>(&values);
        same::<glib::Object>(&values);
        same::<Option<glib::Object>>(&values);
    }
}
