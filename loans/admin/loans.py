# Admin for loans: registered here.
