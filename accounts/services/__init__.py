"""Every write in accounts goes through a function here (auth flows, users and roles, KYC).
Split by topic so each file reads in one sitting."""
