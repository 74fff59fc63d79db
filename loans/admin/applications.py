# Admin for applications: registered here.
