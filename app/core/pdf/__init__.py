"""PDF infrastructure shared by the features: the Chinese font, page helpers, signing and verifying.

- ``fonts.register()`` registers WenQuanYi Micro Hei with reportlab (embedded as a subset) and returns its name;
- ``layout`` draws what documents share: fitted text, signature lines, a QR code, page numbers;
- ``signing`` signs a finished PDF (PAdES baseline B, ECDSA P-256) with a key loaded once;
- ``keys`` keeps a book's signing key (encrypted, local) and certificates (synced);
- ``verify`` checks a signed PDF with pyHanko.
"""
