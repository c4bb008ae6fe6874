"""Claude, called only by policy: when a turn escalates and why (``router``), what of the user's
words may go (``privacy_guard``), what the advisor's own Claude use costs against its budget
(``pricing``)."""
