// Portal SOP: print one form of a unit's monitoring page. A form's "Cetak" link points
// at the form (#id); printed, a page whose address names a form shows that form only
// (portal-pemantauan.css, :target). This opens the print dialog once the address is set.
// Without JavaScript, follow the link and print: the same form alone is printed.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-cetak]");
  if (!link) return;
  event.preventDefault();
  if (location.hash !== "#" + link.dataset.cetak) {
    history.replaceState(null, "", "#" + link.dataset.cetak);
    // :target follows the address only after a navigation; mark the form ourselves too.
  }
  document.querySelectorAll(".pm-formulir").forEach((form) => {
    form.toggleAttribute("data-terpilih", form.id === link.dataset.cetak);
  });
  window.print();
});
