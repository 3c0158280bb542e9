// Show passkey buttons only where the browser can use passkeys; without JavaScript or
// WebAuthn they stay hidden, and the other ways to sign in still work.
(function () {
  if (!window.PublicKeyCredential) {
    return
  }
  document.querySelectorAll('[data-passkey-only]').forEach(function (element) {
    element.hidden = false
  })
  // Allauth reports a failed or cancelled passkey prompt with this event.
  document.addEventListener('allauth.error', function (event) {
    const message = document.getElementById('passkey-error')
    if (message) {
      message.hidden = false
      message.focus()
      event.preventDefault()
    }
  })
})()
