//! HTTPS: a certificate and key from PEM files, served with rustls (TLS 1.2 and 1.3, the
//! `ring` provider). Passwords and session cookies then never cross the network in clear,
//! and the session cookie is marked `Secure`.

use std::sync::Arc;

use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::ServerConfig;
use tokio_rustls::rustls::crypto::ring;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer};

use super::TlsFiles;
use claimdesk_error::{Error, ErrorKind, Result};

/// A TLS acceptor for the certificate and key in `files`.
pub fn acceptor(files: &TlsFiles) -> Result<TlsAcceptor> {
    let unreadable = |what: &str, path: &std::path::Path, err: &dyn std::fmt::Display| {
        Error::new(
            ErrorKind::InvalidInput,
            format!(
                "cannot read the {what} {} ({err}); give a PEM file with --tls-{}",
                path.display(),
                if what == "certificate" { "cert" } else { "key" }
            ),
        )
    };
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&files.cert)
        .map_err(|err| unreadable("certificate", &files.cert, &err))?
        .collect::<std::result::Result<_, _>>()
        .map_err(|err| unreadable("certificate", &files.cert, &err))?;
    if certs.is_empty() {
        return Err(unreadable(
            "certificate",
            &files.cert,
            &"it holds no CERTIFICATE block",
        ));
    }
    let key = PrivateKeyDer::from_pem_file(&files.key)
        .map_err(|err| unreadable("private key", &files.key, &err))?;
    // ring, not aws-lc-rs: one provider for the server and the desktop app's client (ureq's
    // rustls is ring-based), and no CMake-built C library in the build. rustls deprecates it
    // for lacking post-quantum key exchange; X25519 with TLS 1.3 is what is offered instead
    // (a reverse proxy in front can offer more, see the README).
    #[allow(deprecated)]
    let provider = ring::default_provider();
    let config = ServerConfig::builder_with_provider(Arc::new(provider))
        .with_safe_default_protocol_versions()
        .map_err(|err| Error::internal(format!("TLS setup failed: {err}")))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|err| {
            Error::new(
                ErrorKind::InvalidInput,
                format!(
                    "the certificate {} and the key {} do not go together ({err})",
                    files.cert.display(),
                    files.key.display()
                ),
            )
        })?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}
