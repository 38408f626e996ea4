// The safe failure screen: if the app's WebAssembly traps (a Rust panic aborts
// as a trap) or cannot start, show a calm message with a reload button instead
// of a frozen page. Progress saved before the failure stays in localStorage.
(function () {
  var FATAL = /RuntimeError|CompileError|LinkError|unreachable|panicked/;

  function isFatal(error) {
    if (!error) return false;
    if (typeof WebAssembly !== 'undefined' &&
        (error instanceof WebAssembly.RuntimeError || error instanceof WebAssembly.CompileError || error instanceof WebAssembly.LinkError)) {
      return true;
    }
    return FATAL.test(String(error.message || error));
  }

  function show() {
    if (document.getElementById('failure-screen')) return;
    var de = (document.documentElement.lang || 'de') !== 'en';
    var screen = document.createElement('div');
    screen.id = 'failure-screen';
    screen.className = 'failure-screen';
    screen.setAttribute('role', 'alertdialog');
    screen.setAttribute('aria-modal', 'true');
    screen.setAttribute('aria-labelledby', 'failure-title');
    var box = document.createElement('div');
    var title = document.createElement('h2');
    title.id = 'failure-title';
    title.textContent = de ? 'Etwas ist schiefgegangen.' : 'Something went wrong.';
    var text = document.createElement('p');
    text.textContent = de
      ? 'Ihr Fortschritt ist gespeichert. Laden Sie die Seite neu, um weiterzuüben.'
      : 'Your progress is saved. Reload the page to continue practising.';
    var button = document.createElement('button');
    button.className = 'primary';
    button.textContent = de ? 'Neu laden' : 'Reload';
    button.addEventListener('click', function () { location.reload(); });
    box.appendChild(title);
    box.appendChild(text);
    box.appendChild(button);
    screen.appendChild(box);
    document.body.appendChild(screen);
    button.focus();
  }

  window.addEventListener('error', function (event) {
    if (isFatal(event.error || event.message)) show();
  });
  window.addEventListener('unhandledrejection', function (event) {
    if (isFatal(event.reason)) show();
  });
})();
