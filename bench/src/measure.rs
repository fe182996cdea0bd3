//! Throughput measured the same way for every figure: a fixed number of operations on a few
//! concurrent tasks, and the median of interleaved rounds.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::task::JoinSet;

/// The middle figure of the rounds: one slow moment of a shared machine does not move it.
pub(crate) fn median(mut figures: Vec<f64>) -> f64 {
    figures.sort_by(f64::total_cmp);
    figures[figures.len() / 2]
}

/// Runs `total` operations on `workers` concurrent tasks; returns successful operations per second.
pub(crate) async fn measure<F, Fut>(total: usize, workers: usize, operation: F) -> f64
where
    F: Fn(usize) -> Fut + Send + Sync + Clone + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for _ in 0..workers {
        let (next, operation) = (next.clone(), operation.clone());
        tasks.spawn(async move {
            let mut ok = 0usize;
            loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= total {
                    return ok;
                }
                if operation(i).await {
                    ok += 1;
                }
            }
        });
    }
    let mut done = 0;
    while let Some(result) = tasks.join_next().await {
        done += result.unwrap_or(0);
    }
    done as f64 / started.elapsed().as_secs_f64()
}

/// The nearest-rank percentile `p` of sorted durations, in milliseconds.
pub(crate) fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1].as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_take_the_nearest_rank() {
        let ms: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&ms, 50.0), 50.0);
        assert_eq!(percentile(&ms, 99.0), 99.0);
        assert_eq!(percentile(&ms[..1], 99.0), 1.0);
        assert_eq!(percentile(&[], 50.0), 0.0);
    }
}
