//! A fixed pool of read-only store connections shared by the request
//! handlers (a connection serves one query at a time).

use std::path::Path;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

use dyad_store::{Store, StoreError};

/// Read-only connections to one store.
#[derive(Debug)]
pub struct Pool {
    idle: Mutex<Vec<Store>>,
    freed: Condvar,
}

impl Pool {
    /// Opens `size` read-only connections to `db`, each stopping a query
    /// after `query_time`.
    pub fn open(db: &Path, size: usize, query_time: Duration) -> Result<Pool, StoreError> {
        let mut idle = Vec::with_capacity(size);
        for _ in 0..size {
            let mut store = Store::open_read_only(db)?;
            store.set_time_limit(Some(query_time));
            idle.push(store);
        }
        Ok(Pool {
            idle: Mutex::new(idle),
            freed: Condvar::new(),
        })
    }

    /// Runs `f` with a connection, waiting for one to be free (call it from
    /// a blocking thread).
    pub fn with<T>(&self, f: impl FnOnce(&Store) -> T) -> T {
        let store = {
            let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if let Some(store) = idle.pop() {
                    break store;
                }
                idle = self
                    .freed
                    .wait(idle)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        };
        let result = f(&store);
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(store);
        self.freed.notify_one();
        result
    }
}
