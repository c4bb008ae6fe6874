"""How figures are written for people, with no UI library: plain text and Markdown for the options
and the recommendation (``render``, ``summary``), the charts' maths and text charts (``chart``), the
report (``report``). Every figure comes from a tool result; these modules only format."""
