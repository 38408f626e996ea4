// Registers the service worker (offline use) and offers updates. Only over
// http(s) — workers cannot run from file:// — and never inside an iframe,
// where an LMS would give the worker the LMS's own path as its scope.
(function () {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol) || window.self !== window.top) return;

  function offerUpdate(worker) {
    if (document.getElementById('update-banner')) return;
    var de = (document.documentElement.lang || 'de') === 'de';
    var banner = document.createElement('div');
    banner.id = 'update-banner';
    banner.className = 'update-banner';
    banner.setAttribute('role', 'status');
    var text = document.createElement('span');
    text.textContent = de ? 'Eine neue Version ist verfügbar.' : 'A new version is available.';
    var button = document.createElement('button');
    button.className = 'primary';
    button.textContent = de ? 'Neu laden' : 'Reload';
    button.addEventListener('click', function () { worker.postMessage({ type: 'SKIP_WAITING' }); });
    banner.appendChild(text);
    banner.appendChild(button);
    document.body.appendChild(banner);
  }

  window.addEventListener('load', function () {
    navigator.serviceWorker.register('./sw.js').then(function (registration) {
      if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
      registration.addEventListener('updatefound', function () {
        var worker = registration.installing;
        if (!worker) return;
        worker.addEventListener('statechange', function () {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) offerUpdate(worker);
        });
      });
      // Look for a new version whenever the trainee comes back to the tab.
      document.addEventListener('visibilitychange', function () {
        if (document.visibilityState === 'visible') registration.update().catch(function () {});
      });
    }).catch(function (error) { console.warn('counterpart: offline mode unavailable', error); });
    var reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (!reloading) { reloading = true; location.reload(); }
    });
  });
})();
