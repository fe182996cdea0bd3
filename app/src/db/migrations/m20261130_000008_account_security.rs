//! Account security: a lock after failed sign-ins now ends at a time (`locked_until`) instead of
//! lasting until someone reactivates it, and every stored password hash carries the cost it was
//! made with (a PHC string), so that the cost can rise later.
//!
//! Hashes stored before this migration are argon2id at 19 MiB, 2 passes, 1 lane with the
//! account's salt; they are rewritten as the PHC string of exactly that, so every password keeps
//! working. A lock from before ends at once: its old column held the moment it started.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden, Clone, Copy)]
enum SubAccount {
    Table,
    LockedAt,
    LockedUntil,
}

const TO_PHC: &str = "UPDATE sub_account SET password_hash = \
    '$argon2id$v=19$m=19456,t=2,p=1$' \
    || (SELECT account.password_salt FROM account WHERE account.id = sub_account.account_id) \
    || '$' || password_hash \
    WHERE password_hash IS NOT NULL AND password_hash NOT LIKE '$%'";

const FROM_PHC: &str = "UPDATE sub_account SET password_hash = \
    substr(password_hash, length('$argon2id$v=19$m=19456,t=2,p=1$') + 1 \
      + length((SELECT account.password_salt FROM account WHERE account.id = sub_account.account_id)) + 1) \
    WHERE password_hash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SubAccount::Table)
                    .rename_column(SubAccount::LockedAt, SubAccount::LockedUntil)
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("UPDATE sub_account SET locked_until = NULL")
            .await?;
        manager.get_connection().execute_unprepared(TO_PHC).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(FROM_PHC)
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(SubAccount::Table)
                    .rename_column(SubAccount::LockedUntil, SubAccount::LockedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
