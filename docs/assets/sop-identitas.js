// Portal SOP: the identity section of an SOP page (macros/templates/sop_identitas.html)
// folded on a phone, so the steps come within the first screens. A classic script,
// run as the page is read, right after the section's <details> (open in the HTML: with
// no JavaScript the section shows whole everywhere, and still folds by hand).
//
// On a narrow screen the section starts closed, unless the reader came for it
// (#identitas-sop, the jump bar's link); following that link opens it, a screen turned
// wide opens it, and printing opens it (print CSS shows it whole in any case).
(function (details) {
  if (!details || details.localName !== "details") return;
  const narrow = window.matchMedia("(max-width: 44.9375em)"); // as portal-bagan.css
  const link = "#identitas-sop";
  let printed = null;
  details.open = !narrow.matches || location.hash === link;
  narrow.addEventListener("change", () => {
    if (!narrow.matches) details.open = true;
  });
  window.addEventListener("hashchange", () => {
    if (location.hash === link) details.open = true;
  });
  document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest(`a[href="${link}"]`)) details.open = true;
  });
  window.addEventListener("beforeprint", () => {
    printed = details.open;
    details.open = true;
  });
  window.addEventListener("afterprint", () => {
    if (printed === false) details.open = false;
    printed = null;
  });
})(document.currentScript && document.currentScript.previousElementSibling);
