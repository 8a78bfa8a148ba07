//! `gtk::ResponseType` from the `gint` that `GtkDialog::response`, `GtkInfoBar::response` and
//! `GtkNativeDialog::response` declare, as gtk4-rs's `connect_response` gives it.

use gtk4::ResponseType;

/// The response for `id`: a predefined one, `Other` for a positive id of the application's,
/// and gtk4-rs's hidden unknown variant for any other negative id (as its `from_glib` does).
pub(crate) fn response_type(id: i32) -> ResponseType {
    const PREDEFINED: [ResponseType; 11] = [
        ResponseType::None,
        ResponseType::Reject,
        ResponseType::Accept,
        ResponseType::DeleteEvent,
        ResponseType::Ok,
        ResponseType::Cancel,
        ResponseType::Close,
        ResponseType::Yes,
        ResponseType::No,
        ResponseType::Apply,
        ResponseType::Help,
    ];
    match PREDEFINED.into_iter().find(|response| *response == id) {
        Some(response) => response,
        None => match u16::try_from(id) {
            Ok(id) => ResponseType::Other(id),
            Err(_) => ResponseType::__Unknown(id),
        },
    }
}

#[cfg(test)]
mod tests {
    use gtk4::ResponseType;

    use super::response_type;

    #[test]
    fn ids_convert_as_gtk4_rs_converts_them() {
        assert_eq!(response_type(-5), ResponseType::Ok);
        assert_eq!(response_type(-6), ResponseType::Cancel);
        assert_eq!(response_type(-4), ResponseType::DeleteEvent);
        assert_eq!(response_type(7), ResponseType::Other(7));
        assert_eq!(response_type(-100), ResponseType::__Unknown(-100));
    }
}
