// Streamlit's file uploader writes its button, its size limit, its drop hint and its
// buttons' labels in English whatever the page's language (streamlit/streamlit#13500). This
// puts the catalogue's words in their place, on the Data page only, and again whenever
// Streamlit redraws an uploader.
const UPLOADER = '[data-testid="stFileUploader"]';
const LIMIT_ENGLISH = /^\d+(?:\.\d+)?MB per file/; // "10MB per file • CSV, XLSX"
const DROP_ENGLISH = /^Drag and drop (?:a file|files) here$/;
const REMOVE_ENGLISH = /^Remove (.+)$/; // "Remove partners.csv"

function translatedText(english, words) {
  if (english === "Upload") return words.button;
  if (LIMIT_ENGLISH.test(english)) return english.replace(LIMIT_ENGLISH, words.limit);
  if (DROP_ENGLISH.test(english)) return words.drop;
  return null;
}

function translatedLabel(english, words) {
  if (english === "file upload") return words.button;
  if (english === "Add files") return words.add;
  const removed = REMOVE_ENGLISH.exec(english);
  return removed ? words.remove.replace("{file}", removed[1]) : null;
}

function translate(root, words) {
  for (const uploader of root.querySelectorAll(UPLOADER)) {
    const walker = document.createTreeWalker(uploader, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = translatedText(node.data, words);
      if (text !== null && text !== node.data) node.data = text;
    }
    for (const labelled of uploader.querySelectorAll("[aria-label]")) {
      const english = labelled.getAttribute("aria-label");
      const label = translatedLabel(english, words);
      if (label !== null && label !== english) labelled.setAttribute("aria-label", label);
    }
  }
}

export default function ({ data }) {
  const root = document.querySelector('[data-testid="stMain"]') ?? document.body;
  translate(root, data);
  // Only a text or label that changes is written: in English «Remove partners.csv» stays
  // itself, and writing it again would call the observer back for ever (a hung page).
  const observer = new MutationObserver(() => translate(root, data));
  observer.observe(root, {
    childList: true, subtree: true, characterData: true, attributeFilter: ["aria-label"],
  });
  return () => observer.disconnect();
}
