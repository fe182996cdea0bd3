//! Usernames the way families know them.
