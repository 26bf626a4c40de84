"""The words of tradeguard in English, Japanese and Korean, shared by the pages and the reports:
the message catalogue (:mod:`tradeguard.language.i18n`, with the Gettext catalogues in
``locale/``), the words for codes and the core's messages (:mod:`~tradeguard.language.labels`),
a decision's reasons (:mod:`~tradeguard.language.reason_words`) and the audit actions
(:mod:`~tradeguard.language.audit_words`)."""
