//! `countroom serve`: the live results screen (crate `countroom-serve`).

use std::net::IpAddr;
use std::path::PathBuf;

use clap::Args;

use crate::output::print;
use crate::Failure;

/// `countroom serve LOG [--port N] [--bind ADDR]`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The count log (it may still be being written).
    pub(crate) log: PathBuf,
    /// The port to listen on; 0 picks a free port (the URL printed says
    /// which).
    #[arg(long, default_value_t = 8080, allow_negative_numbers = true, value_parser = crate::args::whole::<u16>)]
    pub(crate) port: u16,
    /// The address to listen on: loopback unless you mean the screens of
    /// the count centre's network to see it (the server is read-only, with
    /// no authentication and no TLS).
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: IpAddr,
}

/// Serves until the process is stopped. Prints only `listening on URL`.
pub(crate) fn serve(a: &ServeArgs) -> Result<(), Failure> {
    let mut options = countroom_serve::Options::new(a.log.clone(), a.port);
    options.bind = a.bind;
    let running = countroom_serve::start(&options).map_err(|e| Failure::Io(e.to_string()))?;
    print(format!("listening on {}\n", running.url()).as_bytes())?;
    running.wait();
    Ok(())
}
