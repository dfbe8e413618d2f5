// Copy buttons: the text to copy is in the element named by data-copy-target (a secret shown once, a URL).
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy-target]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copyTarget);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.value ?? source.textContent);
    button.textContent = "Copied";
  } catch {
    source.select?.();
    button.textContent = "Press Ctrl+C";
  }
});
